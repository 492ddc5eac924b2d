package dev.brindle.bgp.rib;

import java.util.List;

/**
 * One peer's Adj-RIB-In after import policy (RFC 4271 §3.2): the routes it announced that we accepted. RFC 4271
 * §3.2 lets an implementation keep a single copy of the information; we keep it once, as that peer's candidates in
 * the {@link LocRib}, and this is the view of them — a separate per-peer map cost 45 bytes per route for nothing
 * the RIB did not already know. During a graceful restart (RFC 4724 §4.2) the routes are marked stale until the
 * peer re-announces them or sends End-of-RIB.
 */
public final class AdjRibIn {
    private final LocRib loc;
    private final RouteSource source;

    public AdjRibIn(LocRib loc, RouteSource source) {
        this.loc = loc;
        this.source = source;
    }

    public List<Route> routes() {
        return loc.routesFrom(source);
    }

    public List<Route> staleRoutes() {
        return routes().stream().filter(Route::stale).toList();
    }

    public int size() {
        return routes().size();
    }

    public boolean hasStale() {
        return routes().stream().anyMatch(Route::stale);
    }
}
