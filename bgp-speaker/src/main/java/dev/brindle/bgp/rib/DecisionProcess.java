package dev.brindle.bgp.rib;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * Best-path selection (RFC 4271 §9.1.2.2, with RFC 4456 §9 for reflected routes) as the RFC writes it: a sequence
 * of eliminations over the candidates, not a comparator, because the MED step only compares routes from the same
 * neighbouring AS and is therefore not a total order.
 *
 * <p>Before the RFC's steps our own announcements win outright (the node's blocks are authoritative locally). The
 * IGP-cost step (e) is skipped: next hops are on the directly connected underlay, so every cost is equal.
 */
public final class DecisionProcess {
    private DecisionProcess() {}

    public static Optional<Route> best(List<Route> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (candidates.size() == 1) {
            return Optional.of(candidates.getFirst());
        }
        List<Route> c = new ArrayList<>(candidates);
        c = keepIfAny(c, r -> r.source() instanceof RouteSource.Local);
        c = keepMax(c, r -> r.attributes().effectiveLocalPref());
        c = keepMin(c, r -> r.attributes().asPath().pathLength());
        c = keepMin(c, r -> r.attributes().origin().value());
        c = removeWorseMed(c);
        c = keepIfAny(c, r -> r.source() instanceof RouteSource.Peer p && !p.internal());
        c = keepMin(c, r -> Integer.toUnsignedLong(identifier(r)));
        c = keepMin(c, r -> r.attributes().clusterList().size());
        c = keepMin(c, DecisionProcess::peerAddressKey);
        return Optional.of(c.getFirst());
    }

    private interface Test {
        boolean test(Route r);
    }

    private static List<Route> keepIfAny(List<Route> c, Test t) {
        List<Route> kept = c.stream().filter(t::test).toList();
        return kept.isEmpty() ? c : kept;
    }

    private static List<Route> keepMax(List<Route> c, ToLongFunction<Route> f) {
        long max = c.stream().mapToLong(f).max().orElseThrow();
        return c.stream().filter(r -> f.applyAsLong(r) == max).toList();
    }

    private static List<Route> keepMin(List<Route> c, ToLongFunction<Route> f) {
        long min = c.stream().mapToLong(f).min().orElseThrow();
        return c.stream().filter(r -> f.applyAsLong(r) == min).toList();
    }

    /** Step c: drop a route if another from the same neighbouring AS has a lower MED (a missing MED counts as 0). */
    private static List<Route> removeWorseMed(List<Route> c) {
        return c.stream()
                .filter(r -> c.stream().noneMatch(o -> sameNeighbourAs(o, r) && med(o) < med(r)))
                .toList();
    }

    private static boolean sameNeighbourAs(Route a, Route b) {
        OptionalLong x = neighbourAs(a);
        OptionalLong y = neighbourAs(b);
        return x.isPresent() && y.isPresent() && x.getAsLong() == y.getAsLong();
    }

    private static OptionalLong neighbourAs(Route r) {
        return r.attributes().asPath().firstAs().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static long med(Route r) {
        return r.attributes().med().orElse(0);
    }

    /** Step f with RFC 4456 §9: the ORIGINATOR_ID stands in for the BGP Identifier of reflected routes. */
    private static int identifier(Route r) {
        if (r.attributes().originatorId().isPresent()) {
            return r.attributes().originatorId().getAsInt();
        }
        return r.source() instanceof RouteSource.Peer p ? p.bgpIdentifier() : 0;
    }

    /** Step g: the lowest peer address, compared as unsigned bytes. */
    private static long peerAddressKey(Route r) {
        if (!(r.source() instanceof RouteSource.Peer p)) {
            return 0;
        }
        InetAddress a = p.address();
        byte[] b = Arrays.copyOf(a.getAddress(), 8);
        long key = 0;
        for (byte x : b) {
            key = (key << 8) | (x & 0xff);
        }
        return key >>> 1;
    }
}
