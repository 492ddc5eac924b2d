package dev.brindle.netlink;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.MacAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Link creation and changes in one {@link FakeNamespace}, with the kernel's defaults: random locally administered
 * MACs, MTU 1500 (a VXLAN device with a parent: the parent's minus 50), veth ends linked across namespaces, a moved
 * link arriving down and unenslaved. Callers hold {@link FakeWorld#lock}.
 */
final class FakeLinkOps {
    private final FakeWorld world;
    private final FakeNamespace ns;

    FakeLinkOps(FakeWorld world, FakeNamespace ns) {
        this.world = world;
        this.ns = ns;
    }

    private FakeLink newLink(String name, LinkKind kind, Optional<MacAddress> mac, int mtu, Optional<VxlanInfo> vx) {
        return new FakeLink(0, name, kind, Optional.of(mac.orElseGet(world::randomMac)), mtu, vx);
    }

    Link createVeth(VethSpec spec) {
        String op = "create veth";
        FakeNamespace peerNs =
                spec.peerNamespace().map(p -> world.existing(op, p)).orElse(ns);
        ns.checkFree(op, spec.name());
        peerNs.checkFree(op, spec.peerName());
        int mtu = spec.mtu() == 0 ? 1500 : spec.mtu();
        FakeLink host = newLink(spec.name(), LinkKind.VETH, spec.mac(), mtu, Optional.empty());
        FakeLink peer = newLink(spec.peerName(), LinkKind.VETH, spec.peerMac(), mtu, Optional.empty());
        ns.insert(host);
        peerNs.insert(peer);
        host.peer = peer;
        host.peerNamespace = peerNs;
        peer.peer = host;
        peer.peerNamespace = ns;
        return host.snapshot();
    }

    Link createVxlan(VxlanSpec spec) {
        String op = "create vxlan";
        ns.checkFree(op, spec.name());
        int mtu = spec.mtu();
        if (spec.parentIndex() != 0) {
            FakeLink parent = ns.require(op, spec.parentIndex());
            mtu = mtu == 0 ? parent.mtu - 50 : mtu;
        }
        var info = new VxlanInfo(spec.vni(), spec.port(), spec.local(), spec.parentIndex(), false);
        return ns.insert(newLink(spec.name(), LinkKind.VXLAN, spec.mac(), mtu == 0 ? 1500 : mtu, Optional.of(info)))
                .snapshot();
    }

    Link createSimple(String name, LinkKind kind) {
        ns.checkFree("create " + kind.kernelName(), name);
        return ns.insert(newLink(name, kind, Optional.empty(), 1500, Optional.empty()))
                .snapshot();
    }

    Link setUpTunl0(int mtu, Optional<AddressWithPrefix> address) {
        FakeLink tunl = ns.byName("tunl0")
                .orElseThrow(() -> new NetlinkException(
                        "set up tunl0", "tunl0", Errno.ENODEV, "the ipip module is not loaded (no tunl0 device)"));
        tunl.mtu = mtu;
        List<Address> others = ns.addresses.stream()
                .filter(a -> a.linkIndex() == tunl.index && a.address().family() == IpFamily.V4)
                .filter(a -> address.map(w -> !w.equals(a.address())).orElse(true))
                .toList();
        others.forEach(a -> ns.deleteAddress(tunl.index, a.address()));
        address.filter(w -> ns.addresses.stream()
                        .noneMatch(
                                a -> a.linkIndex() == tunl.index && a.address().equals(w)))
                .ifPresent(w -> ns.addAddress(Address.of(tunl.index, w)));
        ns.setUp(tunl, true);
        return tunl.snapshot();
    }

    void setMtu(String name, int mtu) {
        FakeLink link = ns.require("set mtu", name);
        link.mtu = mtu;
        ns.changed(link);
    }

    void setMac(String name, MacAddress mac) {
        FakeLink link = ns.require("set mac", name);
        if (link.mac.isEmpty()) {
            throw new NetlinkException("set mac", name, Errno.EOPNOTSUPP, "the device has no link-layer address");
        }
        link.mac = Optional.of(mac);
        ns.changed(link);
    }

    void setMaster(String name, Optional<String> master) {
        FakeLink link = ns.require("set master", name);
        int index = 0;
        if (master.isPresent()) {
            FakeLink bridge = ns.require("set master", master.get());
            if (bridge.kind != LinkKind.BRIDGE) {
                throw new NetlinkException("set master", name + " master " + bridge.name, Errno.EOPNOTSUPP);
            }
            index = bridge.index;
        }
        link.master = index;
        ns.changed(link);
    }

    void move(String name, Path namespace) {
        String op = "move link";
        FakeLink link = ns.require(op, name);
        FakeNamespace target = world.existing(op, namespace);
        target.checkFree(op, name);
        ns.detach(link);
        link.up = false;
        link.master = 0;
        target.insert(link);
        if (link.peer != null) {
            link.peer.peerNamespace = target;
        }
    }

    /** Removes the link, and the other end of a veth pair wherever it is. */
    static void destroy(FakeNamespace where, FakeLink link) {
        where.detach(link);
        if (link.peer != null) {
            link.peer.peer = null;
            link.peerNamespace.detach(link.peer);
        }
    }
}
