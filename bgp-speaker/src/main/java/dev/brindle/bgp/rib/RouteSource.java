package dev.brindle.bgp.rib;

import java.net.InetAddress;

/** Where a route came from: the node agent's own announcement, or a peer. */
public sealed interface RouteSource permits RouteSource.Local, RouteSource.Peer {

    /** The node's own prefixes, announced through the API. */
    record Local() implements RouteSource {}

    /**
     * A BGP peer as the decision process needs it.
     *
     * @param bgpIdentifier the peer's BGP Identifier (unsigned 32 bits in an int)
     * @param internal iBGP (same AS) rather than eBGP
     * @param reflectorClient the peer is our route-reflector client (RFC 4456)
     */
    record Peer(InetAddress address, long asNumber, int bgpIdentifier, boolean internal, boolean reflectorClient)
            implements RouteSource {}

    RouteSource LOCAL = new Local();

    /**
     * The same origin of routes: the local table, or the same peer address. A peer that restarts with another
     * BGP Identifier is still the same source, so its fresh routes replace its stale ones.
     */
    default boolean sameOrigin(RouteSource other) {
        return switch (this) {
            case Local l -> other instanceof Local;
            case Peer p -> other instanceof Peer o && o.address().equals(p.address());
        };
    }
}
