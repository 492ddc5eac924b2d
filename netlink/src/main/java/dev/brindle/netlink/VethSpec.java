package dev.brindle.netlink;

import dev.brindle.core.MacAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A veth pair to create. The peer can be created directly inside another namespace (IFLA_NET_NS_FD on the peer),
 * which is how the CNI plugin avoids a create-then-move race.
 *
 * @param peerNamespace the namespace file ({@code /run/netns/X}, {@code /proc/PID/ns/net}) for the peer; empty for
 *     this namespace
 * @param mtu the MTU of both ends, 0 for the kernel default
 */
public record VethSpec(
        String name,
        String peerName,
        Optional<Path> peerNamespace,
        Optional<MacAddress> mac,
        Optional<MacAddress> peerMac,
        int mtu) {
    public VethSpec {
        LinkNames.check(name);
        LinkNames.check(peerName);
        if (mtu != 0) {
            LinkNames.checkMtu(mtu);
        }
        if (peerNamespace.isEmpty() && name.equals(peerName)) {
            throw new IllegalArgumentException("veth ends in one namespace need different names, both are " + name);
        }
    }

    /** A pair in this namespace with kernel-chosen MACs and MTU. */
    public static VethSpec of(String name, String peerName) {
        return new VethSpec(name, peerName, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    public VethSpec withPeerNamespace(Path namespace) {
        return new VethSpec(name, peerName, Optional.of(namespace), mac, peerMac, mtu);
    }

    public VethSpec withMacs(MacAddress hostMac, MacAddress peerMacAddress) {
        return new VethSpec(name, peerName, peerNamespace, Optional.of(hostMac), Optional.of(peerMacAddress), mtu);
    }

    public VethSpec withMtu(int newMtu) {
        return new VethSpec(name, peerName, peerNamespace, mac, peerMac, newMtu);
    }
}
