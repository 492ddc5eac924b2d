package dev.brindle.bgp.rib;

import dev.brindle.core.IpPrefix;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Loc-RIB (RFC 4271 §3.2): every candidate path per prefix (one per source) and the one the decision process
 * picked. Each change returns the best-route change it caused, if any, so the caller can export and notify.
 *
 * <p>Memory matters here (a route reflector or ToR peer brings 100k+ routes): a prefix with a single path — almost
 * every prefix in a Calico mesh — stores that {@link Route} directly as the map value; only prefixes with several
 * paths get a {@link Contested} holder.
 */
public final class LocRib {
    /** Several candidate paths for one prefix and the best of them. */
    private static final class Contested {
        final List<Route> candidates = new ArrayList<>(2);
        Route best;
    }

    private final Map<IpPrefix, Object> entries = new HashMap<>();

    /** Adds or replaces the path from {@code route.source()}. */
    public Optional<BestChange> put(Route route) {
        IpPrefix prefix = route.prefix();
        Object current = entries.get(prefix);
        if (current == null) {
            entries.put(prefix, route);
            return change(prefix, null, route);
        }
        if (current instanceof Route only) {
            if (only.source().sameOrigin(route.source())) {
                entries.put(prefix, route);
                return change(prefix, only, route);
            }
            Contested c = new Contested();
            c.candidates.add(only);
            c.best = only;
            entries.put(prefix, c);
            current = c;
        }
        Contested c = (Contested) current;
        c.candidates.removeIf(r -> r.source().sameOrigin(route.source()));
        c.candidates.add(route);
        return reselect(prefix, c);
    }

    /** Removes the path from {@code source}, if there is one. */
    public Optional<BestChange> remove(IpPrefix prefix, RouteSource source) {
        Object current = entries.get(prefix);
        if (current instanceof Route only) {
            if (!only.source().sameOrigin(source)) {
                return Optional.empty();
            }
            entries.remove(prefix);
            return change(prefix, only, null);
        }
        if (!(current instanceof Contested c)
                || !c.candidates.removeIf(r -> r.source().sameOrigin(source))) {
            return Optional.empty();
        }
        return reselect(prefix, c);
    }

    public Optional<Route> best(IpPrefix prefix) {
        return Optional.ofNullable(bestOf(entries.get(prefix)));
    }

    /** Every best route; a snapshot the caller may iterate while changing the RIB. */
    public Collection<Route> bestRoutes() {
        List<Route> out = new ArrayList<>(entries.size());
        for (Object e : entries.values()) {
            out.add(bestOf(e));
        }
        return out;
    }

    /** Every candidate path from {@code source}: that peer's Adj-RIB-In as the Loc-RIB holds it. */
    public List<Route> routesFrom(RouteSource source) {
        List<Route> out = new ArrayList<>();
        for (Object e : entries.values()) {
            if (e instanceof Route r) {
                if (r.source().sameOrigin(source)) {
                    out.add(r);
                }
            } else {
                for (Route r : ((Contested) e).candidates) {
                    if (r.source().sameOrigin(source)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    public int size() {
        return entries.size();
    }

    private static Route bestOf(Object entry) {
        return entry instanceof Contested c ? c.best : (Route) entry;
    }

    private Optional<BestChange> reselect(IpPrefix prefix, Contested c) {
        Route before = c.best;
        Route after = DecisionProcess.best(c.candidates).orElse(null);
        c.best = after;
        if (c.candidates.isEmpty()) {
            entries.remove(prefix);
        } else if (c.candidates.size() == 1) {
            entries.put(prefix, after);
        }
        return change(prefix, before, after);
    }

    private static Optional<BestChange> change(IpPrefix prefix, Route before, Route after) {
        if (before == after || (before != null && before.equals(after))) {
            return Optional.empty();
        }
        return Optional.of(new BestChange(prefix, Optional.ofNullable(before), Optional.ofNullable(after)));
    }
}
