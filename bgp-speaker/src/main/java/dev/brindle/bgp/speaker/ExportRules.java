package dev.brindle.bgp.speaker;

import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.Route;
import dev.brindle.bgp.rib.RouteSource;
import dev.brindle.bgp.session.Ipv4;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a best route becomes when sent to one peer, by the protocol's rules: the node exports what its agent
 * announced; a route learned over iBGP is never sent to another iBGP peer (RFC 4271 §9.2 split horizon) except by
 * reflection (RFC 4456 §6), which adds ORIGINATOR_ID and CLUSTER_LIST and leaves the next hop alone; routes learned
 * from peers are not passed to eBGP peers (a node is not a transit AS).
 */
final class ExportRules {
    private ExportRules() {}

    /**
     * @param explicitNextHop the next hop the agent gave with a local announcement, if any
     * @param sessionLocal our address on the session to {@code to}: next hop "self"
     */
    static Optional<PathAttributes> export(
            Route route,
            Optional<InetAddress> explicitNextHop,
            RouteSource.Peer to,
            InetAddress sessionLocal,
            SpeakerConfig config) {
        return switch (route.source()) {
            case RouteSource.Local l -> Optional.of(local(route, explicitNextHop, to, sessionLocal, config));
            case RouteSource.Peer from -> reflected(route.attributes(), from, to, config);
        };
    }

    private static PathAttributes local(
            Route route,
            Optional<InetAddress> explicitNextHop,
            RouteSource.Peer to,
            InetAddress sessionLocal,
            SpeakerConfig config) {
        PathAttributes a = route.attributes()
                .withNextHop(explicitNextHop.orElseGet(
                        () -> NextHopSelf.of(route.prefix().family(), sessionLocal, config)));
        if (to.internal()) {
            return a.withLocalPref(OptionalLong.of(a.effectiveLocalPref()));
        }
        // RFC 4271 §5.1.2 / §5.1.5: prepend our AS, no LOCAL_PREF towards another AS.
        return a.withAsPath(a.asPath().prepend(config.asNumber())).withLocalPref(OptionalLong.empty());
    }

    private static Optional<PathAttributes> reflected(
            PathAttributes attrs, RouteSource.Peer from, RouteSource.Peer to, SpeakerConfig config) {
        if (from.address().equals(to.address()) || !from.internal() || !to.internal()) {
            return Optional.empty();
        }
        // RFC 4456 §6: from a client reflect to everyone; from a non-client reflect to clients only.
        if (!from.reflectorClient() && !to.reflectorClient()) {
            return Optional.empty();
        }
        OptionalInt originator =
                attrs.originatorId().isPresent() ? attrs.originatorId() : OptionalInt.of(from.bgpIdentifier());
        List<Integer> clusters = new ArrayList<>(attrs.clusterList().size() + 1);
        clusters.add(Ipv4.toInt(config.effectiveClusterId()));
        clusters.addAll(attrs.clusterList());
        return Optional.of(
                attrs.withReflection(originator, clusters).withLocalPref(OptionalLong.of(attrs.effectiveLocalPref())));
    }
}
