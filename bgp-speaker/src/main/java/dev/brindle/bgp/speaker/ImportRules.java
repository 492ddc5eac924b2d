package dev.brindle.bgp.speaker;

import dev.brindle.bgp.codec.attr.UnknownAttribute;
import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.RouteSource;
import dev.brindle.bgp.session.Ipv4;
import java.util.Optional;
import java.util.OptionalLong;

/** The protocol's own import rules, applied before any configured policy. */
final class ImportRules {
    private ImportRules() {}

    /** The attributes to store for a route from {@code from}, or empty when a loop check rejects it. */
    static Optional<PathAttributes> accept(PathAttributes attrs, RouteSource.Peer from, SpeakerConfig config) {
        PathAttributes a = attrs;
        if (from.internal()) {
            // RFC 4456 §8: our own ORIGINATOR_ID or CLUSTER_ID in the path means the route looped back to us.
            int routerId = Ipv4.toInt(config.routerId());
            int clusterId = Ipv4.toInt(config.effectiveClusterId());
            if ((a.originatorId().isPresent() && a.originatorId().getAsInt() == routerId)
                    || a.clusterList().contains(clusterId)) {
                return Optional.empty();
            }
        } else {
            // RFC 4271 §9.1.2: a route whose AS_PATH holds our AS has looped; §5.1.5 LOCAL_PREF is iBGP-only
            // (RFC 7606 §7.6 says to discard one received over eBGP).
            if (a.asPath().contains(config.asNumber())) {
                return Optional.empty();
            }
            a = a.withLocalPref(OptionalLong.empty());
        }
        // RFC 4271 §5: unrecognised optional transitive attributes travel on with Partial set; others are dropped.
        return Optional.of(a.withOpaque(a.opaque().stream()
                .filter(u -> u.optional() && u.transitive())
                .map(UnknownAttribute::forwarded)
                .toList()));
    }
}
