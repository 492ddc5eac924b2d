package dev.brindle.netlink;

import dev.brindle.core.MacAddress;
import java.util.Optional;

/** The mutable state of one link inside a {@link FakeNamespace}. */
final class FakeLink {
    int index;
    String name;
    final LinkKind kind;
    Optional<MacAddress> mac;
    int mtu;
    boolean up;
    int master;
    final Optional<VxlanInfo> vxlan;
    /** The other end of a veth pair, in whichever namespace it lives. */
    FakeNamespace peerNamespace;

    FakeLink peer;

    FakeLink(int index, String name, LinkKind kind, Optional<MacAddress> mac, int mtu, Optional<VxlanInfo> vxlan) {
        this.index = index;
        this.name = name;
        this.kind = kind;
        this.mac = mac;
        this.mtu = mtu;
        this.vxlan = vxlan;
    }

    Link snapshot() {
        return new Link(index, name, kind, mac, mtu, up, master, vxlan);
    }
}
