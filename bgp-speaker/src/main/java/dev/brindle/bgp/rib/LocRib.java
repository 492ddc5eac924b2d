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
 */
public final class LocRib {
    private static final class Entry {
        final List<Route> candidates = new ArrayList<>(1);
        Route best;
    }

    private final Map<IpPrefix, Entry> entries = new HashMap<>();

    /** Adds or replaces the path from {@code route.source()}. */
    public Optional<BestChange> put(Route route) {
        Entry e = entries.computeIfAbsent(route.prefix(), p -> new Entry());
        e.candidates.removeIf(r -> r.source().sameOrigin(route.source()));
        e.candidates.add(route);
        return reselect(route.prefix(), e);
    }

    /** Removes the path from {@code source}, if there is one. */
    public Optional<BestChange> remove(IpPrefix prefix, RouteSource source) {
        Entry e = entries.get(prefix);
        if (e == null || !e.candidates.removeIf(r -> r.source().sameOrigin(source))) {
            return Optional.empty();
        }
        return reselect(prefix, e);
    }

    public Optional<Route> best(IpPrefix prefix) {
        Entry e = entries.get(prefix);
        return e == null ? Optional.empty() : Optional.ofNullable(e.best);
    }

    /** Every best route; a snapshot the caller may iterate while changing the RIB. */
    public Collection<Route> bestRoutes() {
        List<Route> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            if (e.best != null) {
                out.add(e.best);
            }
        }
        return out;
    }

    public int size() {
        return entries.size();
    }

    private Optional<BestChange> reselect(IpPrefix prefix, Entry e) {
        Route before = e.best;
        Route after = DecisionProcess.best(e.candidates).orElse(null);
        e.best = after;
        if (e.candidates.isEmpty()) {
            entries.remove(prefix);
        }
        if (before == after || (before != null && before.equals(after))) {
            return Optional.empty();
        }
        return Optional.of(new BestChange(prefix, Optional.ofNullable(before), Optional.ofNullable(after)));
    }
}
