package dev.brindle.netlink;

/** One step of a route batch ({@link Netlink#apply}). */
public sealed interface RouteOp {
    Route route();

    /** Create; fails with EEXIST when a route with the same key exists. */
    record Add(Route route) implements RouteOp {}

    /** Create or overwrite (NLM_F_REPLACE), what a reconciler uses. */
    record Replace(Route route) implements RouteOp {}

    /** Remove; fails with ESRCH/ENOENT when absent. */
    record Delete(Route route) implements RouteOp {}

    static RouteOp add(Route route) {
        return new Add(route);
    }

    static RouteOp replace(Route route) {
        return new Replace(route);
    }

    static RouteOp delete(Route route) {
        return new Delete(route);
    }
}
