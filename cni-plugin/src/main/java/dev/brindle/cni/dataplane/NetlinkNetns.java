package dev.brindle.cni.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.MacAddress;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.NetlinkException;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteScope;
import dev.brindle.netlink.RouteType;
import dev.brindle.netlink.VethSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Netns} over the netlink module: one {@link Netlink} handle bound to one namespace. */
final class NetlinkNetns implements Netns {
    private final Netlink netlink;
    private final String path;
    private final boolean owned;

    /** {@code owned}: closing this closes the handle (pod namespaces); the node's handle lives for the process. */
    NetlinkNetns(Netlink netlink, String path, boolean owned) {
        this.netlink = netlink;
        this.path = path;
        this.owned = owned;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<LinkState> link(String name) {
        return netlink.findLink(name).map(NetlinkNetns::state);
    }

    private static LinkState state(Link l) {
        return new LinkState(l.name(), l.index(), l.mac().orElse(new MacAddress(0)), l.mtu(), l.up());
    }

    @Override
    public boolean deleteLink(String name) {
        if (netlink.findLink(name).isEmpty()) {
            return false;
        }
        try {
            netlink.deleteLink(name);
            return true;
        } catch (NetlinkException e) {
            if (e.isNotFound()) {
                return false; // deleted in between, e.g. by its peer's namespace going away
            }
            throw e;
        }
    }

    @Override
    public void createVeth(String name, String peerName, Netns peerNs, int mtu) {
        netlink.createVeth(VethSpec.of(name, peerName)
                .withPeerNamespace(Path.of(peerNs.path()))
                .withMtu(mtu));
    }

    @Override
    public void setMac(String link, MacAddress mac) {
        netlink.setMac(link, mac);
    }

    @Override
    public void setUp(String link) {
        netlink.setLinkUp(link, true);
    }

    @Override
    public void addAddress(String link, AddressWithPrefix address) {
        netlink.addAddress(netlink.link(link).index(), address);
    }

    @Override
    public List<AddressWithPrefix> addresses(String link) {
        int index = netlink.link(link).index();
        List<AddressWithPrefix> out = new ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            netlink.listAddresses(index, f).forEach(a -> out.add(a.address()));
        }
        return out;
    }

    /**
     * Adds the route; EEXIST is fine when the same route is already there (Felix may have programmed it first),
     * and names the holder otherwise, which means a leaked or duplicated address (calico-facts.md §1.6).
     */
    @Override
    public void addRoute(RouteSpec spec) {
        int index = netlink.link(spec.dev()).index();
        Route.Builder b =
                Route.to(spec.dst()).device(index).scope(spec.linkScope() ? RouteScope.LINK : RouteScope.UNIVERSE);
        spec.gateway().ifPresent(b::via);
        try {
            netlink.addRoute(b.build());
        } catch (NetlinkException e) {
            if (!e.isExists()) {
                throw e;
            }
            if (!routes(spec.dev()).contains(spec)) {
                throw new IllegalStateException(
                        "route " + spec.dst() + " already exists for an interface other than "
                                + spec.dev() + " in " + (path.isEmpty() ? "the node" : path)
                                + ": is the address leaked or assigned twice?",
                        e);
            }
        }
    }

    @Override
    public List<RouteSpec> routes(String link) {
        Optional<Link> l = netlink.findLink(link);
        if (l.isEmpty()) {
            return List.of();
        }
        return netlink.listRoutes(RouteFilter.main().device(l.get().index())).stream()
                .filter(r -> r.type() == RouteType.UNICAST)
                .map(r -> new RouteSpec(r.destination(), r.gateway(), link, r.scope() == RouteScope.LINK))
                .toList();
    }

    @Override
    public void writeSysctl(String key, String value) {
        netlink.sysctl().set(key, value);
    }

    @Override
    public Optional<String> readSysctl(String key) {
        try {
            return Optional.ofNullable(netlink.sysctl().get(key));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (owned) {
            netlink.close();
        }
    }
}
