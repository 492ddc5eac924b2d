package dev.brindle.bgp.rib;

import dev.brindle.core.IpPrefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One peer's Adj-RIB-In after import policy (RFC 4271 §3.2): the routes it announced that we accepted. During a
 * graceful restart (RFC 4724 §4.2) they are marked stale until the peer re-announces them or sends End-of-RIB.
 */
public final class AdjRibIn {
    private final Map<IpPrefix, Route> routes = new HashMap<>();

    public void put(Route route) {
        routes.put(route.prefix(), route);
    }

    public Optional<Route> remove(IpPrefix prefix) {
        return Optional.ofNullable(routes.remove(prefix));
    }

    /** Marks every route stale and returns the stale copies (which replace the originals). */
    public List<Route> markAllStale() {
        List<Route> out = new ArrayList<>(routes.size());
        routes.replaceAll((p, r) -> r.asStale());
        out.addAll(routes.values());
        return out;
    }

    /** Removes and returns every route still stale. */
    public List<Route> removeStale() {
        List<Route> out = new ArrayList<>();
        routes.values().removeIf(r -> {
            if (r.stale()) {
                out.add(r);
                return true;
            }
            return false;
        });
        return out;
    }

    /** Removes and returns everything. */
    public List<Route> clear() {
        List<Route> out = new ArrayList<>(routes.values());
        routes.clear();
        return out;
    }

    public int size() {
        return routes.size();
    }

    public boolean hasStale() {
        return routes.values().stream().anyMatch(Route::stale);
    }
}
