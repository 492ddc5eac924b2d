package dev.brindle.agent.dataplane;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.MacAddress;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A remote VXLAN endpoint (calico-facts §4.5): on {@code vxlan.brindle} it needs a permanent neighbour entry
 * (tunnel IP → VTEP MAC: ARP maps the next hop to the inner MAC) and a permanent FDB entry (VTEP MAC → the node's
 * underlay address: the bridge layer maps the inner MAC to the outer destination).
 */
public record VtepPeer(String node, InetAddress tunnelAddress, MacAddress mac, InetAddress nodeAddress) {
    public VtepPeer {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(tunnelAddress, "tunnelAddress");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(nodeAddress, "nodeAddress");
    }

    @Override
    public String toString() {
        return node + " vtep " + IpAddresses.format(tunnelAddress) + " lladdr " + mac + " dst "
                + IpAddresses.format(nodeAddress);
    }
}
