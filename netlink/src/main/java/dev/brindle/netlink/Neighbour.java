package dev.brindle.netlink;

import dev.brindle.core.MacAddress;
import java.net.InetAddress;
import java.util.Optional;

/** An ARP/NDP entry (RTM_NEWNEIGH, AF_INET/AF_INET6): IP to MAC on a device. */
public record Neighbour(int linkIndex, InetAddress address, Optional<MacAddress> mac, NeighbourState state) {
    public Neighbour {
        if (linkIndex <= 0) {
            throw new IllegalArgumentException("neighbour " + address + " needs a link index > 0, not " + linkIndex);
        }
    }

    /** A permanent entry, as Calico programs for VXLAN peers and workloads. */
    public static Neighbour permanent(int linkIndex, InetAddress address, MacAddress mac) {
        return new Neighbour(linkIndex, address, Optional.of(mac), NeighbourState.PERMANENT);
    }
}
