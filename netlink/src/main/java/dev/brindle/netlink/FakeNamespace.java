package dev.brindle.netlink;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.MacAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One network namespace of the fake kernel: links with per-namespace ifindexes (lo is 1), addresses, neighbours,
 * FDB entries and sysctls. Routes live in {@link FakeRoutes}. Callers hold {@link FakeWorld#lock}.
 */
final class FakeNamespace {
    final FakeWorld world;
    final Path path;
    final TreeMap<Integer, FakeLink> links = new TreeMap<>();
    final List<Address> addresses = new ArrayList<>();
    final List<Neighbour> neighbours = new ArrayList<>();
    final List<FdbEntry> fdb = new ArrayList<>();
    final FakeSysctls sysctls = new FakeSysctls();
    final FakeRoutes routes = new FakeRoutes(this);
    final List<FakeSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private int nextIndex = 1;

    FakeNamespace(FakeWorld world, Path path) {
        this.world = world;
        this.path = path;
        insert(new FakeLink(0, "lo", LinkKind.DEVICE, Optional.of(new MacAddress(0)), 65536, Optional.empty()));
        if (world.ipipLoaded) {
            insert(new FakeLink(0, "tunl0", LinkKind.IPIP, Optional.empty(), 1480, Optional.empty()));
        }
    }

    // ---- links

    FakeLink insert(FakeLink link) {
        if (link.index == 0 || links.containsKey(link.index)) {
            while (links.containsKey(nextIndex)) {
                nextIndex++;
            }
            link.index = nextIndex++;
        }
        links.put(link.index, link);
        sysctls.addInterface(link.name);
        emit(NetlinkGroup.LINK, new NetlinkEvent.LinkChanged(link.snapshot(), false));
        return link;
    }

    Optional<FakeLink> byName(String name) {
        return links.values().stream().filter(l -> l.name.equals(name)).findFirst();
    }

    FakeLink require(String operation, String name) {
        return byName(name).orElseThrow(() -> new NetlinkException(operation, name, Errno.ENODEV));
    }

    FakeLink require(String operation, int index) {
        FakeLink link = links.get(index);
        if (link == null) {
            throw new NetlinkException(operation, "link #" + index, Errno.ENODEV);
        }
        return link;
    }

    void checkFree(String operation, String name) {
        if (byName(name).isPresent()) {
            throw new NetlinkException(operation, name, Errno.EEXIST);
        }
    }

    void changed(FakeLink link) {
        emit(NetlinkGroup.LINK, new NetlinkEvent.LinkChanged(link.snapshot(), false));
    }

    void setUp(FakeLink link, boolean up) {
        link.up = up;
        if (up) {
            addresses.stream().filter(a -> a.linkIndex() == link.index).forEach(routes::addPrefixRoute);
        } else {
            routes.removeForLink(link.index);
        }
        changed(link);
    }

    /** Takes the link out of this namespace with everything attached to it, as unregister_netdevice does. */
    void detach(FakeLink link) {
        links.remove(link.index);
        routes.removeForLink(link.index);
        addresses.removeIf(a -> a.linkIndex() == link.index);
        neighbours.removeIf(n -> n.linkIndex() == link.index);
        fdb.removeIf(f -> f.linkIndex() == link.index);
        links.values().stream().filter(l -> l.master == link.index).forEach(l -> l.master = 0);
        sysctls.removeInterface(link.name);
        emit(NetlinkGroup.LINK, new NetlinkEvent.LinkChanged(link.snapshot(), true));
    }

    // ---- addresses

    void addAddress(Address address) {
        String op = "add address";
        FakeLink link = require(op, address.linkIndex());
        boolean exists = addresses.stream()
                .anyMatch(a -> a.linkIndex() == address.linkIndex()
                        && a.address().address().equals(address.address().address()));
        if (exists) {
            throw new NetlinkException(op, address.address() + " on " + link.name, Errno.EEXIST);
        }
        addresses.add(address);
        emit(addressGroup(address), new NetlinkEvent.AddressChanged(address, false));
        if (link.up) {
            routes.addPrefixRoute(address);
        }
    }

    void deleteAddress(int linkIndex, AddressWithPrefix address) {
        String op = "delete address";
        FakeLink link = require(op, linkIndex);
        Optional<Address> found = addresses.stream()
                .filter(a -> a.linkIndex() == linkIndex && a.address().equals(address))
                .findFirst();
        if (found.isEmpty()) {
            throw new NetlinkException(op, address + " on " + link.name, Errno.EADDRNOTAVAIL);
        }
        addresses.remove(found.get());
        routes.removePrefixRoute(found.get());
        emit(addressGroup(found.get()), new NetlinkEvent.AddressChanged(found.get(), true));
    }

    private static NetlinkGroup addressGroup(Address a) {
        return a.address().family() == IpFamily.V4 ? NetlinkGroup.IPV4_ADDRESS : NetlinkGroup.IPV6_ADDRESS;
    }

    // ---- neighbours and FDB

    void putNeighbour(Neighbour neighbour, boolean replace) {
        String op = replace ? "replace neighbour" : "add neighbour";
        require(op, neighbour.linkIndex());
        Optional<Neighbour> old = findNeighbour(neighbour);
        if (old.isPresent() && !replace) {
            throw new NetlinkException(op, neighbour.address().getHostAddress(), Errno.EEXIST);
        }
        old.ifPresent(neighbours::remove);
        neighbours.add(neighbour);
        emit(NetlinkGroup.NEIGH, new NetlinkEvent.NeighbourChanged(neighbour, false));
    }

    void deleteNeighbour(Neighbour neighbour) {
        String op = "delete neighbour";
        require(op, neighbour.linkIndex());
        Neighbour old = findNeighbour(neighbour)
                .orElseThrow(() -> new NetlinkException(op, neighbour.address().getHostAddress(), Errno.ENOENT));
        neighbours.remove(old);
        emit(NetlinkGroup.NEIGH, new NetlinkEvent.NeighbourChanged(old, true));
    }

    private Optional<Neighbour> findNeighbour(Neighbour n) {
        return neighbours.stream()
                .filter(x -> x.linkIndex() == n.linkIndex() && x.address().equals(n.address()))
                .findFirst();
    }

    /** mode: 0 add (EEXIST if the MAC has any entry), 1 replace, 2 append (EEXIST only for the same dst). */
    void putFdb(FdbEntry entry, int mode) {
        String op = switch (mode) {
            case 0 -> "add fdb";
            case 1 -> "replace fdb";
            default -> "append fdb";
        };
        FakeLink link = require(op, entry.linkIndex());
        if (link.kind != LinkKind.VXLAN) {
            throw new NetlinkException(op, entry.mac() + " on " + link.name, Errno.EOPNOTSUPP, "not a vxlan device");
        }
        List<FdbEntry> sameMac = fdb.stream()
                .filter(f -> f.linkIndex() == entry.linkIndex() && f.mac().equals(entry.mac()))
                .toList();
        if ((mode == 0 && !sameMac.isEmpty()) || (mode == 2 && sameMac.contains(entry))) {
            throw new NetlinkException(op, entry.mac() + " on " + link.name, Errno.EEXIST);
        }
        if (mode == 1) {
            fdb.removeAll(sameMac);
        }
        fdb.add(entry);
    }

    void deleteFdb(FdbEntry entry) {
        String op = "delete fdb";
        FakeLink link = require(op, entry.linkIndex());
        if (!fdb.remove(entry)) {
            throw new NetlinkException(
                    op,
                    entry.mac() + " dst " + entry.destination().getHostAddress() + " on " + link.name,
                    Errno.ENOENT);
        }
    }

    // ---- events

    void emit(NetlinkGroup group, NetlinkEvent event) {
        for (FakeSubscription s : subscriptions) {
            if (s.wants(group)) {
                s.offer(event);
            }
        }
    }
}
