package dev.brindle.netlink;

import dev.brindle.core.MacAddress;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A VXLAN device to create, as Calico's {@code vxlan.calico}: learning off, a fixed VNI and port, the node IP as
 * local address and the underlay device as parent.
 *
 * @param parentIndex ifindex of the underlay device, 0 for none
 * @param mtu 0 for the kernel default
 */
public record VxlanSpec(
        String name,
        int vni,
        int port,
        Optional<InetAddress> local,
        int parentIndex,
        Optional<MacAddress> mac,
        int mtu) {
    public VxlanSpec {
        LinkNames.check(name);
        new VxlanInfo(vni, port, local, parentIndex, false); // same range checks
        if (mtu != 0) {
            LinkNames.checkMtu(mtu);
        }
    }

    public static VxlanSpec of(String name, int vni, int port) {
        return new VxlanSpec(name, vni, port, Optional.empty(), 0, Optional.empty(), 0);
    }

    public VxlanSpec withLocal(InetAddress address, int parent) {
        return new VxlanSpec(name, vni, port, Optional.of(address), parent, mac, mtu);
    }

    public VxlanSpec withMac(MacAddress address) {
        return new VxlanSpec(name, vni, port, local, parentIndex, Optional.of(address), mtu);
    }

    public VxlanSpec withMtu(int newMtu) {
        return new VxlanSpec(name, vni, port, local, parentIndex, mac, newMtu);
    }
}
