package dev.brindle.bgp.policy;

import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A last say over what is sent to a peer, after the protocol's own export rules (split horizon, reflection, eBGP
 * rewriting) have produced the attributes. Returning empty keeps the route from that peer.
 */
@FunctionalInterface
public interface ExportPolicy {
    ExportPolicy ACCEPT_ALL = (to, prefix, attrs) -> Optional.of(attrs);

    Optional<PathAttributes> apply(InetAddress toPeer, IpPrefix prefix, PathAttributes attrs);

    default ExportPolicy andThen(ExportPolicy next) {
        return (to, prefix, attrs) -> apply(to, prefix, attrs).flatMap(a -> next.apply(to, prefix, a));
    }
}
