package dev.brindle.agent.dataplane;

import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.netlink.BatchResult;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteOp;
import dev.brindle.netlink.RouteProtocol;
import dev.brindle.netlink.RouteScope;
import dev.brindle.netlink.RouteTables;
import dev.brindle.netlink.RouteType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Mark and sweep over the main table (calico-facts §4.10): list the kernel's IPv4 routes with protocol 98, keep those
 * that match the desired state, replace those that differ or are missing (RouteReplace, so a prefix held by someone
 * else is taken over atomically, as Felix does), delete our routes that are no longer desired. Routes with any other
 * protocol are never deleted. All changes go out as one pipelined batch.
 */
final class RouteReconciler {
    private final Netlink netlink;

    RouteReconciler(Netlink netlink) {
        this.netlink = netlink;
    }

    /** The result of one pass: how many routes were written and deleted. */
    record Result(int changed, int deleted) {}

    /**
     * @param keepStale leave our routes that are not desired in place (while BGP has not yet relearned the routes a
     *     previous run programmed: graceful restart on the kernel side)
     * @param held destinations whose route, if we have one, stays as it is (no desired form yet; see
     *     {@link DesiredState#held()})
     */
    Result reconcile(
            Map<IpPrefix, DesiredRoute> desired, Set<IpPrefix> held, boolean keepStale, Consumer<String> errors) {
        Map<String, Integer> devices = new HashMap<>();
        for (Link l : netlink.listLinks()) {
            devices.put(l.name(), l.index());
        }
        Map<IpPrefix, Route> want = new HashMap<>();
        for (DesiredRoute d : desired.values()) {
            Integer index = d.device().isEmpty()
                    ? Integer.valueOf(0)
                    : devices.get(d.device().get());
            if (index == null) {
                errors.accept("route " + d + ": device " + d.device().get() + " does not exist");
                continue;
            }
            want.put(d.destination(), kernelRoute(d, index));
        }
        List<RouteOp> ops = new ArrayList<>();
        RouteFilter ours = RouteFilter.main().family(IpFamily.V4).protocol(RouteProtocol.BRINDLE);
        Map<IpPrefix, Route> have = new HashMap<>();
        for (Route r : netlink.listRoutes(ours)) {
            Route w = want.get(r.destination());
            if (w == null && (keepStale || held.contains(r.destination()))) {
                continue;
            }
            if (w == null || r.priority() != 0 || have.containsKey(r.destination())) {
                ops.add(RouteOp.delete(r));
            } else {
                have.put(r.destination(), r);
            }
        }
        for (Route w : want.values()) {
            Route h = have.get(w.destination());
            if (h == null || !sameShape(h, w)) {
                ops.add(RouteOp.replace(w));
            }
        }
        if (ops.isEmpty()) {
            return new Result(0, 0);
        }
        BatchResult result = netlink.apply(ops);
        int changed = 0;
        int deleted = 0;
        for (int i = 0; i < ops.size(); i++) {
            RouteOp op = ops.get(i);
            var failure = result.failures().get(i);
            boolean delete = op instanceof RouteOp.Delete;
            if (failure != null && !(delete && failure.isNotFound())) {
                errors.accept(failure.getMessage());
            } else if (delete) {
                deleted++; // a delete that found nothing: someone removed it meanwhile, the goal is reached
            } else {
                changed++;
            }
        }
        return new Result(changed, deleted);
    }

    /** The netlink route for a desired one: main table, protocol brindle (98), metric 0. */
    static Route kernelRoute(DesiredRoute d, int deviceIndex) {
        if (d.kind() == RouteKind.BLACKHOLE) {
            return Route.blackhole(d.destination())
                    .protocol(RouteProtocol.BRINDLE)
                    .build();
        }
        Route.Builder b = Route.to(d.destination())
                .via(d.via().orElseThrow())
                .device(deviceIndex)
                .protocol(RouteProtocol.BRINDLE)
                .scope(RouteScope.UNIVERSE);
        if (d.onlink()) {
            b.onlink();
        }
        return b.build();
    }

    /** The fields that make two of our routes the same for forwarding. */
    private static boolean sameShape(Route a, Route b) {
        return a.type() == b.type()
                && a.table() == RouteTables.MAIN
                && Objects.equals(a.gateway(), b.gateway())
                && a.outputIndex() == (b.type() == RouteType.BLACKHOLE ? a.outputIndex() : b.outputIndex())
                && a.onlink() == b.onlink();
    }
}
