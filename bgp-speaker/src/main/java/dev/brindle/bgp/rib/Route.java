package dev.brindle.bgp.rib;

import dev.brindle.core.IpPrefix;

/**
 * One path to a prefix in a RIB.
 *
 * @param stale kept from a peer that went down without a NOTIFICATION, waiting for it to come back (RFC 4724 §4.2)
 */
public record Route(IpPrefix prefix, PathAttributes attributes, RouteSource source, boolean stale) {

    public Route asStale() {
        return new Route(prefix, attributes, source, true);
    }
}
