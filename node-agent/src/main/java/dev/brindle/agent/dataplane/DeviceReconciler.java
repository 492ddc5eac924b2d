package dev.brindle.agent.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.netlink.Address;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.LinkKind;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.VxlanInfo;
import dev.brindle.netlink.VxlanSpec;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings {@code vxlan.brindle} and {@code tunl0} to their desired configuration (calico-facts §4.4, §4.5). A VXLAN
 * device with other parameters (VNI, port, local address, parent) is deleted and recreated, as Felix does; MTU, MAC,
 * admin state and address are fixed in place. {@code vxlan.brindle} is removed when no pool uses VXLAN; tunl0 belongs
 * to the ipip module and is only configured, never removed.
 */
final class DeviceReconciler {
    private static final Logger log = LoggerFactory.getLogger(DeviceReconciler.class);

    private final Netlink netlink;

    DeviceReconciler(Netlink netlink) {
        this.netlink = netlink;
    }

    /** Returns the number of changes made. */
    int vxlan(Optional<VxlanDevice> desired) {
        Optional<Link> existing = netlink.findLink(VxlanDevice.NAME);
        if (desired.isEmpty()) {
            if (existing.isPresent()) {
                log.info("no pool uses VXLAN any more: deleting {}", VxlanDevice.NAME);
                netlink.deleteLink(VxlanDevice.NAME);
                return 1;
            }
            return 0;
        }
        VxlanDevice want = desired.get();
        int parent = netlink.link(want.parent()).index();
        int changes = 0;
        if (existing.isPresent() && !compatible(existing.get(), want, parent)) {
            log.info("{} has other parameters than {}: recreating it", existing.get(), want);
            netlink.deleteLink(VxlanDevice.NAME);
            existing = Optional.empty();
            changes++;
        }
        Link link = existing.orElse(null);
        if (link == null) {
            log.info("creating {}", want);
            link = netlink.createVxlan(VxlanSpec.of(VxlanDevice.NAME, VxlanDevice.VNI, VxlanDevice.PORT)
                    .withLocal(want.local(), parent)
                    .withMac(want.mac())
                    .withMtu(want.mtu()));
            changes++;
        }
        if (link.mtu() != want.mtu()) {
            log.info(
                    "{} MTU {} -> {} (underlay {} MTU - {})",
                    VxlanDevice.NAME,
                    link.mtu(),
                    want.mtu(),
                    want.parent(),
                    VxlanDevice.OVERHEAD);
            netlink.setMtu(VxlanDevice.NAME, want.mtu());
            changes++;
        }
        if (!link.mac().equals(Optional.of(want.mac()))) {
            netlink.setMac(VxlanDevice.NAME, want.mac());
            changes++;
        }
        if (!link.up()) {
            netlink.setLinkUp(VxlanDevice.NAME, true);
            changes++;
        }
        return changes + onlyAddress(link.index(), new AddressWithPrefix(want.vtepAddress(), 32));
    }

    private static boolean compatible(Link link, VxlanDevice want, int parent) {
        if (link.kind() != LinkKind.VXLAN || link.vxlan().isEmpty()) {
            return false;
        }
        VxlanInfo info = link.vxlan().get();
        return info.vni() == VxlanDevice.VNI
                && info.port() == VxlanDevice.PORT
                && info.local().equals(Optional.of(want.local()))
                && info.parentIndex() == parent
                && !info.learning();
    }

    /** Makes {@code address} the only global IPv4 address on the link. */
    private int onlyAddress(int index, AddressWithPrefix address) {
        List<Address> current = netlink.listAddresses(index, IpFamily.V4);
        int changes = 0;
        for (Address a : current) {
            if (!a.address().equals(address)) {
                netlink.deleteAddress(index, a.address());
                changes++;
            }
        }
        if (current.stream().noneMatch(a -> a.address().equals(address))) {
            netlink.addAddress(index, address);
            changes++;
        }
        return changes;
    }

    /** Returns the number of changes made (0 or 1: tunl0 is configured in one call). */
    int tunl0(Optional<Tunl0Device> desired) {
        if (desired.isEmpty()) {
            return 0;
        }
        Tunl0Device want = desired.get();
        Link link = netlink.link(Tunl0Device.NAME);
        Optional<AddressWithPrefix> address = want.address().map(a -> new AddressWithPrefix(a, 32));
        List<AddressWithPrefix> current = netlink.listAddresses(link.index(), IpFamily.V4).stream()
                .map(Address::address)
                .toList();
        boolean addressOk = address.map(a -> current.equals(List.of(a))).orElse(true);
        if (link.mtu() == want.mtu() && link.up() && addressOk) {
            return 0;
        }
        log.info("configuring {}", want);
        netlink.setUpTunl0(want.mtu(), address);
        return 1;
    }
}
