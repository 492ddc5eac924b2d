package dev.brindle.netlink;

import dev.brindle.core.MacAddress;
import java.util.Optional;

/**
 * A network interface as the kernel reports it (RTM_NEWLINK).
 *
 * @param index the ifindex
 * @param mac the hardware address; empty for devices without one (ipip)
 * @param up the administrative state (IFF_UP)
 * @param masterIndex the bridge it is enslaved to, 0 for none
 * @param vxlan the VXLAN attributes when {@code kind} is VXLAN
 */
public record Link(
        int index,
        String name,
        LinkKind kind,
        Optional<MacAddress> mac,
        int mtu,
        boolean up,
        int masterIndex,
        Optional<VxlanInfo> vxlan) {
    public Link {
        if (index <= 0) {
            throw new IllegalArgumentException("ifindex " + index + " must be positive");
        }
        LinkNames.check(name);
    }
}
