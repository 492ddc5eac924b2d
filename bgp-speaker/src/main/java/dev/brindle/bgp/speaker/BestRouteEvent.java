package dev.brindle.bgp.speaker;

import dev.brindle.core.IpPrefix;
import java.net.InetAddress;

/**
 * The best route to a prefix learned from a peer appeared or changed ({@link Kind#ADD}) or is gone ({@link
 * Kind#WITHDRAW}; next hop and peer are then the ones withdrawn). The node's own announcements are never reported.
 */
public record BestRouteEvent(Kind kind, IpPrefix prefix, InetAddress nextHop, InetAddress peer) {
    public enum Kind {
        ADD,
        WITHDRAW
    }
}
