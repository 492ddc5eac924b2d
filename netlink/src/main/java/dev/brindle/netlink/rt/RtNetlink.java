package dev.brindle.netlink.rt;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.MacAddress;
import dev.brindle.netlink.Address;
import dev.brindle.netlink.BatchResult;
import dev.brindle.netlink.Errno;
import dev.brindle.netlink.FdbEntry;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.LinkNames;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.NetlinkEvent;
import dev.brindle.netlink.NetlinkException;
import dev.brindle.netlink.NetlinkGroup;
import dev.brindle.netlink.NetworkNamespace;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteOp;
import dev.brindle.netlink.Subscription;
import dev.brindle.netlink.Sysctl;
import dev.brindle.netlink.VethSpec;
import dev.brindle.netlink.VxlanSpec;
import dev.brindle.netlink.codec.AddressMessages;
import dev.brindle.netlink.codec.LinkMessages;
import dev.brindle.netlink.codec.NeighbourMessages;
import dev.brindle.netlink.codec.Nl;
import dev.brindle.netlink.codec.RouteMessages;
import dev.brindle.netlink.jnr.NetlinkSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link Netlink} over a real NETLINK_ROUTE socket. A handle belongs to one network namespace: the one of the
 * calling thread for {@link #open()}, or the one at a path for {@link #open(Path)}, entered only long enough to
 * create the socket. Link operations go by name (the kernel resolves IFLA_IFNAME); nothing shells out.
 */
public final class RtNetlink implements Netlink {
    private final Optional<NetworkNamespace> namespace;
    private final NetlinkChannel channel;
    private final LinkOps links;
    private final NeighbourOps neighbours;

    private RtNetlink(Optional<NetworkNamespace> namespace, NetlinkSocket socket) {
        this.namespace = namespace;
        this.channel = NetlinkChannel.over(socket);
        this.links = new LinkOps(channel);
        this.neighbours = new NeighbourOps(channel);
    }

    /** A handle on the calling thread's network namespace. */
    public static RtNetlink open() {
        return new RtNetlink(Optional.empty(), NetlinkSocket.open());
    }

    /** A handle on the namespace at {@code path} ({@code /run/netns/X}, {@code /proc/PID/ns/net}). */
    public static RtNetlink open(Path path) {
        NetworkNamespace ns = NetworkNamespace.open(path);
        try {
            return new RtNetlink(Optional.of(ns), ns.call(NetlinkSocket::open));
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    private NetlinkSocket newSocket() {
        return namespace.map(ns -> ns.call(NetlinkSocket::open)).orElseGet(NetlinkSocket::open);
    }

    // ---- links

    @Override
    public List<Link> listLinks() {
        return links.list();
    }

    @Override
    public Optional<Link> findLink(String name) {
        try {
            return Optional.of(link(name));
        } catch (NetlinkException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Link link(String name) {
        return links.get(LinkNames.check(name));
    }

    @Override
    public Link link(int index) {
        return links.get(index);
    }

    @Override
    public Link createVeth(VethSpec spec) {
        return links.createVeth(spec);
    }

    @Override
    public Link createVxlan(VxlanSpec spec) {
        channel.execute("create vxlan", spec.name(), w -> LinkMessages.newVxlan(w, spec));
        return link(spec.name());
    }

    @Override
    public Link createBridge(String name) {
        return links.createSimple(LinkNames.check(name), "bridge");
    }

    @Override
    public Link createDummy(String name) {
        return links.createSimple(LinkNames.check(name), "dummy");
    }

    @Override
    public Link setUpTunl0(int mtu, Optional<AddressWithPrefix> address) {
        LinkNames.checkMtu(mtu);
        Link tunl = findLink("tunl0")
                .orElseThrow(() -> new NetlinkException(
                        "set up tunl0", "tunl0", Errno.ENODEV, "the ipip module is not loaded (no tunl0 device)"));
        setMtu("tunl0", mtu);
        for (Address a : listAddresses(tunl.index(), IpFamily.V4)) {
            if (address.map(w -> !w.equals(a.address())).orElse(true)) {
                deleteAddress(tunl.index(), a.address());
            }
        }
        if (address.isPresent()
                && listAddresses(tunl.index(), IpFamily.V4).stream()
                        .noneMatch(a -> a.address().equals(address.get()))) {
            addAddress(tunl.index(), address.get());
        }
        setLinkUp("tunl0", true);
        return link("tunl0");
    }

    @Override
    public void setLinkUp(String name, boolean up) {
        links.set(LinkNames.check(name), up ? "set link up" : "set link down", up ? Nl.IFF_UP : 0, Nl.IFF_UP, w -> {});
    }

    @Override
    public void setMtu(String name, int mtu) {
        LinkNames.checkMtu(mtu);
        links.set(LinkNames.check(name), "set mtu " + mtu, 0, 0, w -> w.attrU32(Nl.IFLA_MTU, mtu));
    }

    @Override
    public void setMac(String name, MacAddress mac) {
        links.set(LinkNames.check(name), "set mac " + mac, 0, 0, w -> w.attrBytes(Nl.IFLA_ADDRESS, mac.bytes()));
    }

    @Override
    public void setMaster(String name, Optional<String> master) {
        LinkNames.check(name);
        int index = master.map(m -> link(m).index()).orElse(0);
        links.set(name, "set master " + master.orElse("none"), 0, 0, w -> w.attrU32(Nl.IFLA_MASTER, index));
    }

    @Override
    public void moveToNamespace(String name, Path target) {
        LinkNames.check(name);
        try (NetworkNamespace ns = NetworkNamespace.open(target)) {
            links.set(name, "move to " + target, 0, 0, w -> w.attrU32(Nl.IFLA_NET_NS_FD, ns.fd()));
        }
    }

    @Override
    public void deleteLink(String name) {
        channel.execute("delete link", LinkNames.check(name), w -> LinkMessages.delete(w, name));
    }

    // ---- addresses

    @Override
    public void addAddress(int linkIndex, AddressWithPrefix address) {
        Address a = Address.of(linkIndex, address);
        channel.execute("add address", address + " on #" + linkIndex, w -> AddressMessages.write(w, true, a));
    }

    @Override
    public void deleteAddress(int linkIndex, AddressWithPrefix address) {
        Address a = Address.of(linkIndex, address);
        channel.execute("delete address", address + " on #" + linkIndex, w -> AddressMessages.write(w, false, a));
    }

    @Override
    public List<Address> listAddresses(int linkIndex, IpFamily family) {
        return NetlinkChannel.filteredByDevice(
                linkIndex,
                () -> channel
                        .dump(
                                "list addresses",
                                w -> AddressMessages.dump(w, family, linkIndex),
                                (buf, at, type) -> type == Nl.RTM_NEWADDR ? AddressMessages.decode(buf, at) : null)
                        .stream()
                        .filter(a -> a.address().family() == family)
                        .filter(a -> linkIndex == 0 || a.linkIndex() == linkIndex)
                        .toList());
    }

    // ---- routes

    @Override
    public void addRoute(Route route) {
        channel.execute("add route", route.toString(), w -> RouteMessages.write(w, RouteMessages.Mode.ADD, route));
    }

    @Override
    public void replaceRoute(Route route) {
        channel.execute(
                "replace route", route.toString(), w -> RouteMessages.write(w, RouteMessages.Mode.REPLACE, route));
    }

    @Override
    public void deleteRoute(Route route) {
        channel.execute(
                "delete route", route.toString(), w -> RouteMessages.write(w, RouteMessages.Mode.DELETE, route));
    }

    @Override
    public List<Route> listRoutes(RouteFilter filter) {
        return NetlinkChannel.filteredByDevice(
                filter.outputIndex(),
                () -> channel
                        .dump(
                                "list routes",
                                w -> RouteMessages.dump(w, filter),
                                (buf, at, type) -> type == Nl.RTM_NEWROUTE
                                        ? RouteMessages.decode(buf, at).orElse(null)
                                        : null)
                        .stream()
                        .filter(filter::matches)
                        .toList());
    }

    @Override
    public BatchResult apply(List<RouteOp> ops) {
        return channel.pipeline(
                ops,
                (w, op) -> RouteMessages.write(w, mode(op), op.route()),
                RtNetlink::operation,
                op -> op.route().toString());
    }

    private static RouteMessages.Mode mode(RouteOp op) {
        return switch (op) {
            case RouteOp.Add a -> RouteMessages.Mode.ADD;
            case RouteOp.Replace r -> RouteMessages.Mode.REPLACE;
            case RouteOp.Delete d -> RouteMessages.Mode.DELETE;
        };
    }

    private static String operation(RouteOp op) {
        return switch (op) {
            case RouteOp.Add a -> "add route";
            case RouteOp.Replace r -> "replace route";
            case RouteOp.Delete d -> "delete route";
        };
    }

    // ---- neighbours and FDB

    @Override
    public void addNeighbour(Neighbour n) {
        neighbours.write("add neighbour", NeighbourMessages.ADD, n);
    }

    @Override
    public void replaceNeighbour(Neighbour n) {
        neighbours.write("replace neighbour", NeighbourMessages.REPLACE, n);
    }

    @Override
    public void deleteNeighbour(Neighbour n) {
        neighbours.write("delete neighbour", -1, n);
    }

    @Override
    public List<Neighbour> listNeighbours(int linkIndex, IpFamily family) {
        return neighbours.list(linkIndex, family);
    }

    @Override
    public void addFdb(FdbEntry entry) {
        neighbours.writeFdb("add fdb", NeighbourMessages.ADD, entry);
    }

    @Override
    public void replaceFdb(FdbEntry entry) {
        neighbours.writeFdb("replace fdb", NeighbourMessages.REPLACE, entry);
    }

    @Override
    public void appendFdb(FdbEntry entry) {
        neighbours.writeFdb("append fdb", NeighbourMessages.APPEND, entry);
    }

    @Override
    public void deleteFdb(FdbEntry entry) {
        neighbours.writeFdb("delete fdb", -1, entry);
    }

    @Override
    public List<FdbEntry> listFdb(int linkIndex) {
        return neighbours.listFdb(linkIndex);
    }

    // ---- notifications, sysctls, namespaces

    @Override
    public Subscription subscribe(Set<NetlinkGroup> groups, Consumer<NetlinkEvent> listener) {
        NetlinkSocket socket = newSocket();
        try {
            return new RtSubscription(socket, groups, listener);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public Sysctl sysctl() {
        return new RtSysctl(namespace);
    }

    @Override
    public Netlink openIn(Path path) {
        return open(path);
    }

    @Override
    public void close() {
        channel.close();
        namespace.ifPresent(NetworkNamespace::close);
    }
}
