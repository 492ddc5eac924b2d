package dev.brindle.bgp.policy;

import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.RouteSource;
import dev.brindle.core.IpPrefix;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a route a peer announced enters its Adj-RIB-In, possibly with changed attributes. A rejected
 * announcement is treated as a withdrawal of whatever the peer had announced for the prefix before.
 */
@FunctionalInterface
public interface ImportPolicy {
    ImportPolicy ACCEPT_ALL = (from, prefix, attrs) -> Optional.of(attrs);

    Optional<PathAttributes> apply(RouteSource.Peer from, IpPrefix prefix, PathAttributes attrs);

    /** This policy, then {@code next} on what it let through. */
    default ImportPolicy andThen(ImportPolicy next) {
        return (from, prefix, attrs) -> apply(from, prefix, attrs).flatMap(a -> next.apply(from, prefix, a));
    }

    /** Accepts only prefixes inside one of {@code pools} (all prefixes when the list is empty). */
    static ImportPolicy insidePools(List<IpPrefix> pools) {
        List<IpPrefix> copy = List.copyOf(pools);
        if (copy.isEmpty()) {
            return ACCEPT_ALL;
        }
        return (from, prefix, attrs) ->
                copy.stream().anyMatch(pool -> pool.contains(prefix)) ? Optional.of(attrs) : Optional.empty();
    }
}
