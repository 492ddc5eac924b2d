package dev.brindle.bgp.session;

import dev.brindle.core.IpAddresses;
import java.net.InetAddress;

/**
 * Who connects in Calico's node-to-node mesh. Calico's BIRD config generator marks a mesh peer {@code passive on}
 * when the peer's IP is greater than the node's own IP, compared as <em>strings</em> (Go's {@code >} on the
 * textual address, bgp-facts.md §6 and trap 10): the side whose address string sorts higher connects and the other
 * waits. To interoperate with Calico nodes we must make exactly the same choice, so {@code "192.0.2.9"} connects
 * to {@code "192.0.2.10"} although it is numerically smaller.
 */
public final class MeshDirection {
    private MeshDirection() {}

    /** True when we must wait for {@code peer} to connect to us rather than connect ourselves. */
    public static boolean waitsFor(InetAddress self, InetAddress peer) {
        return IpAddresses.format(peer).compareTo(IpAddresses.format(self)) > 0;
    }
}
