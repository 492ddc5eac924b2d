package dev.brindle.netlink;

import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routing tables of a {@link FakeNamespace}, with the kernel's rules (net/ipv4/fib_*.c, net/ipv6/route.c):
 *
 * <ul>
 *   <li>a route's key is (family, table, destination, metric); IPv6 routes added with metric 0 get 1024 and IPv6
 *       reject routes get {@code dev lo};
 *   <li>the output device must exist (ENODEV) and be up (ENETDOWN); a gateway without {@code onlink} must lie in a
 *       subnet of an address on an up link (ENETUNREACH);
 *   <li>delete matches on the fields it is given (metric 0, protocol 0, device 0 and no gateway match anything) and
 *       fails with ESRCH;
 *   <li>an address on an up link brings its prefix route (proto kernel); a link going down or away takes its routes.
 * </ul>
 */
final class FakeRoutes {
    private final FakeNamespace ns;
    private final List<Route> routes = new ArrayList<>();

    FakeRoutes(FakeNamespace ns) {
        this.ns = ns;
    }

    List<Route> list(RouteFilter filter) {
        return routes.stream().filter(filter::matches).toList();
    }

    void put(Route requested, boolean replace) {
        String op = replace ? "replace route" : "add route";
        Route route = normalise(requested);
        checkNextHop(op, route);
        Optional<Route> old = routes.stream().filter(r -> sameKey(r, route)).findFirst();
        if (old.isPresent() && !replace) {
            throw new NetlinkException(op, requested.toString(), Errno.EEXIST);
        }
        old.ifPresent(routes::remove);
        routes.add(route);
        emit(route, false);
    }

    void delete(Route requested) {
        Route match = routes.stream()
                .filter(r -> deleteMatches(r, requested))
                .findFirst()
                .orElseThrow(() -> new NetlinkException("delete route", requested.toString(), Errno.ESRCH));
        routes.remove(match);
        emit(match, true);
    }

    void addPrefixRoute(Address address) {
        prefixRoute(address).ifPresent(r -> {
            if (routes.stream().noneMatch(x -> sameKey(x, r))) {
                routes.add(r);
                emit(r, false);
            }
        });
    }

    void removePrefixRoute(Address address) {
        prefixRoute(address).ifPresent(r -> {
            if (routes.remove(r)) {
                emit(r, true);
            }
        });
    }

    void removeForLink(int index) {
        List<Route> gone = routes.stream().filter(r -> r.outputIndex() == index).toList();
        routes.removeAll(gone);
        gone.forEach(r -> emit(r, true));
    }

    /** The route the kernel adds for an address: IPv4 scope link with src, IPv6 metric 256; none for hosts. */
    private static Optional<Route> prefixRoute(Address address) {
        IpPrefix network = address.address().network();
        if (network.length() == network.family().bits()) {
            return Optional.empty();
        }
        var b = Route.to(network).device(address.linkIndex()).protocol(RouteProtocol.KERNEL);
        if (network.family() == IpFamily.V4) {
            b.scope(RouteScope.LINK).source(address.address().address());
        } else {
            b.scope(RouteScope.UNIVERSE).metric(256);
        }
        return Optional.of(b.build());
    }

    /** IPv6 defaults: metric 1024, and reject routes hang off {@code lo} (index 1). */
    private static Route normalise(Route r) {
        if (r.family() != IpFamily.V6) {
            return r;
        }
        Route.Builder b = r.toBuilder();
        if (r.priority() == 0) {
            b.metric(1024);
        }
        if (r.type().isReject() && r.outputIndex() == 0) {
            b.device(1);
        }
        return b.build();
    }

    private void checkNextHop(String op, Route route) {
        if (route.type().isReject()
                || (route.outputIndex() == 0 && route.gateway().isEmpty())) {
            return;
        }
        FakeLink dev = route.outputIndex() == 0 ? null : ns.require(op, route.outputIndex());
        if (dev != null && !dev.up) {
            throw new NetlinkException(op, route.toString(), Errno.ENETDOWN, "device " + dev.name + " is down");
        }
        if (route.gateway().isPresent()
                && !route.onlink()
                && !reachable(route.gateway().get(), dev)) {
            throw new NetlinkException(op, route.toString(), Errno.ENETUNREACH);
        }
    }

    private boolean reachable(InetAddress gateway, FakeLink dev) {
        return ns.addresses.stream()
                .filter(a -> dev == null || a.linkIndex() == dev.index)
                .filter(a -> ns.links.get(a.linkIndex()).up)
                .anyMatch(a -> a.address().network().contains(gateway));
    }

    private static boolean sameKey(Route a, Route b) {
        return a.family() == b.family()
                && a.table() == b.table()
                && a.destination().equals(b.destination())
                && a.priority() == b.priority();
    }

    private static boolean deleteMatches(Route existing, Route wanted) {
        return existing.family() == wanted.family()
                && existing.table() == wanted.table()
                && existing.destination().equals(wanted.destination())
                && (wanted.priority() == 0 || wanted.priority() == existing.priority())
                && (wanted.protocol() == 0 || wanted.protocol() == existing.protocol())
                && wanted.type() == existing.type()
                && (wanted.outputIndex() == 0 || wanted.outputIndex() == existing.outputIndex())
                && (wanted.gateway().isEmpty() || wanted.gateway().equals(existing.gateway()));
    }

    private void emit(Route route, boolean removed) {
        NetlinkGroup group = route.family() == IpFamily.V4 ? NetlinkGroup.IPV4_ROUTE : NetlinkGroup.IPV6_ROUTE;
        ns.emit(group, new NetlinkEvent.RouteChanged(route, removed));
    }
}
