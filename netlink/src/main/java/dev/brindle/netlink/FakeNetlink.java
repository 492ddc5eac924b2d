package dev.brindle.netlink;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.MacAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An in-memory model of the kernel behind {@link Netlink}, for unit tests: not a mock, but a small kernel with
 * per-namespace ifindexes, EEXIST/ENOENT/ENODEV semantics, veth peers across namespaces, prefix routes that follow
 * addresses and link state, and {@link #failNext} to inject an errno into the next call of a kind (like Felix's
 * {@code mocknetlink} FailFlags). The netlink contract suite runs against it and against the real kernel, which
 * keeps it honest.
 *
 * <p>Namespaces are identified by path: {@link #namespace(Path)} creates one (like {@code ip netns add}), and
 * {@link #openIn(Path)} / {@link VethSpec#peerNamespace()} refer to it.
 */
public final class FakeNetlink implements Netlink {
    /** The path under which the first handle's namespace is known. */
    public static final Path HOST = Path.of("/proc/1/ns/net");

    /** Kinds of call that {@link #failNext} can make fail. */
    public enum Op {
        GET_LINK("get link"),
        CREATE_LINK("create link"),
        SET_LINK("set link"),
        DELETE_LINK("delete link"),
        ADD_ADDRESS("add address"),
        DELETE_ADDRESS("delete address"),
        ADD_ROUTE("add route"),
        REPLACE_ROUTE("replace route"),
        DELETE_ROUTE("delete route"),
        LIST_ROUTES("list routes"),
        ADD_NEIGHBOUR("add neighbour"),
        DELETE_NEIGHBOUR("delete neighbour"),
        ADD_FDB("add fdb"),
        DELETE_FDB("delete fdb"),
        SYSCTL("sysctl");

        private final String description;

        Op(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    private final FakeWorld world;
    private final FakeNamespace ns;
    private final FakeLinkOps links;

    /** A fake kernel without the ipip module: there is no {@code tunl0}. */
    public FakeNetlink() {
        this(false);
    }

    /** A fake kernel; with {@code ipipLoaded} every namespace has a {@code tunl0} device (index 2). */
    public FakeNetlink(boolean ipipLoaded) {
        this.world = new FakeWorld(ipipLoaded);
        this.ns = world.namespace(HOST);
        this.links = new FakeLinkOps(world, ns);
    }

    private FakeNetlink(FakeWorld world, FakeNamespace ns) {
        this.world = world;
        this.ns = ns;
        this.links = new FakeLinkOps(world, ns);
    }

    /** Creates (or returns) the namespace at {@code path} and a handle on it. */
    public FakeNetlink namespace(Path path) {
        synchronized (world.lock) {
            return new FakeNetlink(world, world.namespace(path));
        }
    }

    /** Removes a namespace, destroying its links (and the far ends of their veth pairs), like the kernel. */
    public void removeNamespace(Path path) {
        synchronized (world.lock) {
            FakeNamespace gone = world.existing("remove namespace", path);
            new ArrayList<>(gone.links.values()).forEach(l -> FakeLinkOps.destroy(gone, l));
            world.namespaces.remove(path);
        }
    }

    /** The next call of kind {@code op} (in any namespace of this fake) fails with {@code errno}. */
    public void failNext(Op op, int errno) {
        synchronized (world.lock) {
            world.failures.put(op, errno);
        }
    }

    /** Makes every subscription of this namespace lose events, as a full socket buffer (ENOBUFS) does. */
    public void overflowSubscriptions() {
        int burst = 2 * FakeSubscription.CAPACITY + 1;
        for (int i = 0; i < burst; i++) {
            ns.emit(NetlinkGroup.LINK, new NetlinkEvent.LinkChanged(link(1), false));
        }
    }

    private <T> T locked(Op op, String object, Supplier<T> action) {
        synchronized (world.lock) {
            if (op != null) {
                world.checkInjected(op, object);
            }
            return action.get();
        }
    }

    private void locked(Op op, String object, Runnable action) {
        locked(op, object, () -> {
            action.run();
            return null;
        });
    }

    // ---- links

    @Override
    public List<Link> listLinks() {
        return locked(
                Op.GET_LINK,
                "all links",
                () -> ns.links.values().stream().map(FakeLink::snapshot).toList());
    }

    @Override
    public Optional<Link> findLink(String name) {
        LinkNames.check(name);
        return locked(Op.GET_LINK, name, () -> ns.byName(name).map(FakeLink::snapshot));
    }

    @Override
    public Link link(String name) {
        LinkNames.check(name);
        return locked(Op.GET_LINK, name, () -> ns.require("get link", name).snapshot());
    }

    @Override
    public Link link(int index) {
        return locked(
                Op.GET_LINK,
                "link #" + index,
                () -> ns.require("get link", index).snapshot());
    }

    @Override
    public Link createVeth(VethSpec spec) {
        return locked(Op.CREATE_LINK, spec.name(), () -> links.createVeth(spec));
    }

    @Override
    public Link createVxlan(VxlanSpec spec) {
        return locked(Op.CREATE_LINK, spec.name(), () -> links.createVxlan(spec));
    }

    @Override
    public Link createBridge(String name) {
        LinkNames.check(name);
        return locked(Op.CREATE_LINK, name, () -> links.createSimple(name, LinkKind.BRIDGE));
    }

    @Override
    public Link createDummy(String name) {
        LinkNames.check(name);
        return locked(Op.CREATE_LINK, name, () -> links.createSimple(name, LinkKind.DUMMY));
    }

    /** A node's uplink for tests: a dummy link {@code name}, up, holding {@code address}; returns its index. */
    public int addUplink(String name, AddressWithPrefix address) {
        int index = createDummy(name).index();
        setLinkUp(name, true);
        addAddress(index, address);
        return index;
    }

    @Override
    public Link setUpTunl0(int mtu, Optional<AddressWithPrefix> address) {
        LinkNames.checkMtu(mtu);
        return locked(Op.SET_LINK, "tunl0", () -> links.setUpTunl0(mtu, address));
    }

    @Override
    public void setLinkUp(String name, boolean up) {
        LinkNames.check(name);
        locked(Op.SET_LINK, name, () -> ns.setUp(ns.require("set link", name), up));
    }

    @Override
    public void setMtu(String name, int mtu) {
        LinkNames.check(name);
        LinkNames.checkMtu(mtu);
        locked(Op.SET_LINK, name, () -> links.setMtu(name, mtu));
    }

    @Override
    public void setMac(String name, MacAddress mac) {
        LinkNames.check(name);
        locked(Op.SET_LINK, name, () -> links.setMac(name, mac));
    }

    @Override
    public void setMaster(String name, Optional<String> master) {
        LinkNames.check(name);
        master.ifPresent(LinkNames::check);
        locked(Op.SET_LINK, name, () -> links.setMaster(name, master));
    }

    @Override
    public void moveToNamespace(String name, Path namespace) {
        LinkNames.check(name);
        locked(Op.SET_LINK, name, () -> links.move(name, namespace));
    }

    @Override
    public void deleteLink(String name) {
        LinkNames.check(name);
        locked(Op.DELETE_LINK, name, () -> FakeLinkOps.destroy(ns, ns.require("delete link", name)));
    }

    // ---- addresses

    @Override
    public void addAddress(int linkIndex, AddressWithPrefix address) {
        locked(Op.ADD_ADDRESS, address.toString(), () -> ns.addAddress(Address.of(linkIndex, address)));
    }

    @Override
    public void deleteAddress(int linkIndex, AddressWithPrefix address) {
        locked(Op.DELETE_ADDRESS, address.toString(), () -> ns.deleteAddress(linkIndex, address));
    }

    @Override
    public List<Address> listAddresses(int linkIndex, IpFamily family) {
        return locked(
                null,
                "",
                () -> ns.addresses.stream()
                        .filter(a -> linkIndex == 0 || a.linkIndex() == linkIndex)
                        .filter(a -> a.address().family() == family)
                        .toList());
    }

    // ---- routes

    @Override
    public void addRoute(Route route) {
        locked(Op.ADD_ROUTE, route.toString(), () -> ns.routes.put(route, false));
    }

    @Override
    public void replaceRoute(Route route) {
        locked(Op.REPLACE_ROUTE, route.toString(), () -> ns.routes.put(route, true));
    }

    @Override
    public void deleteRoute(Route route) {
        locked(Op.DELETE_ROUTE, route.toString(), () -> ns.routes.delete(route));
    }

    @Override
    public List<Route> listRoutes(RouteFilter filter) {
        return locked(Op.LIST_ROUTES, "routes", () -> ns.routes.list(filter));
    }

    @Override
    public BatchResult apply(List<RouteOp> ops) {
        var failures = new java.util.HashMap<Integer, NetlinkException>();
        for (int i = 0; i < ops.size(); i++) {
            try {
                switch (ops.get(i)) {
                    case RouteOp.Add a -> addRoute(a.route());
                    case RouteOp.Replace r -> replaceRoute(r.route());
                    case RouteOp.Delete d -> deleteRoute(d.route());
                }
            } catch (NetlinkException e) {
                failures.put(i, e);
            }
        }
        return new BatchResult(ops.size(), failures);
    }

    // ---- neighbours and FDB

    @Override
    public void addNeighbour(Neighbour neighbour) {
        locked(Op.ADD_NEIGHBOUR, neighbour.toString(), () -> ns.putNeighbour(neighbour, false));
    }

    @Override
    public void replaceNeighbour(Neighbour neighbour) {
        locked(Op.ADD_NEIGHBOUR, neighbour.toString(), () -> ns.putNeighbour(neighbour, true));
    }

    @Override
    public void deleteNeighbour(Neighbour neighbour) {
        locked(Op.DELETE_NEIGHBOUR, neighbour.toString(), () -> ns.deleteNeighbour(neighbour));
    }

    @Override
    public List<Neighbour> listNeighbours(int linkIndex, IpFamily family) {
        return locked(
                null,
                "",
                () -> ns.neighbours.stream()
                        .filter(n -> linkIndex == 0 || n.linkIndex() == linkIndex)
                        .filter(n -> IpFamily.of(n.address()) == family)
                        .toList());
    }

    @Override
    public void addFdb(FdbEntry entry) {
        locked(Op.ADD_FDB, entry.toString(), () -> ns.putFdb(entry, 0));
    }

    @Override
    public void replaceFdb(FdbEntry entry) {
        locked(Op.ADD_FDB, entry.toString(), () -> ns.putFdb(entry, 1));
    }

    @Override
    public void appendFdb(FdbEntry entry) {
        locked(Op.ADD_FDB, entry.toString(), () -> ns.putFdb(entry, 2));
    }

    @Override
    public void deleteFdb(FdbEntry entry) {
        locked(Op.DELETE_FDB, entry.toString(), () -> ns.deleteFdb(entry));
    }

    @Override
    public List<FdbEntry> listFdb(int linkIndex) {
        return locked(
                null,
                "",
                () -> ns.fdb.stream().filter(f -> f.linkIndex() == linkIndex).toList());
    }

    // ---- notifications, sysctls, namespaces

    @Override
    public Subscription subscribe(Set<NetlinkGroup> groups, Consumer<NetlinkEvent> listener) {
        synchronized (world.lock) {
            FakeSubscription[] holder = new FakeSubscription[1];
            holder[0] = new FakeSubscription(groups, listener, () -> ns.subscriptions.remove(holder[0]));
            ns.subscriptions.add(holder[0]);
            return holder[0];
        }
    }

    @Override
    public Sysctl sysctl() {
        return new Sysctl() {
            @Override
            public String get(String path) {
                return locked(Op.SYSCTL, path, () -> ns.sysctls.get(path));
            }

            @Override
            public void set(String path, String value) {
                locked(Op.SYSCTL, path, () -> ns.sysctls.set(path, value));
            }
        };
    }

    @Override
    public Netlink openIn(Path namespace) {
        synchronized (world.lock) {
            return new FakeNetlink(world, world.existing("open namespace", namespace));
        }
    }

    @Override
    public void close() {
        // Nothing to release: the state lives as long as the fake.
    }
}
