package dev.brindle.cni.dataplane;

import dev.brindle.cni.spec.CniError;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory twin of {@link Kernel} for unit tests of the CNI flows: namespaces by path, veth pairs whose ends
 * vanish together, addresses, routes and sysctls. Paths starting with {@code /notns} are "not a netns".
 */
public final class FakeKernel implements Kernel {
    private final Map<String, FakeNs> namespaces = new HashMap<>();
    private final FakeNs host = new FakeNs("");
    private final AtomicInteger nextIndex = new AtomicInteger(2);
    private final AtomicInteger nextMac = new AtomicInteger(1);
    /** When set, the next addAddress fails, to test the clean-up after a half-done ADD. */
    public String failAddressOn;

    public FakeNs addNamespace(String path) {
        return namespaces.computeIfAbsent(path, FakeNs::new);
    }

    public void removeNamespace(String path) {
        FakeNs ns = namespaces.remove(path);
        if (ns != null) {
            for (String name : List.copyOf(ns.links.keySet())) {
                ns.deleteLink(name);
            }
        }
    }

    public FakeNs hostNs() {
        return host;
    }

    @Override
    public Netns host() {
        return host;
    }

    @Override
    public void close() {
        // nothing to release: the namespaces live in this object
    }

    @Override
    public Netns open(String path) {
        if (path.startsWith("/notns")) {
            throw new CniError(CniError.INVALID_NETNS, path + " is not a network namespace");
        }
        FakeNs ns = namespaces.get(path);
        if (ns == null) {
            throw new NetnsGoneException(path);
        }
        return ns;
    }

    /** One namespace. Links, addresses, routes and sysctls are public for assertions. */
    public final class FakeNs implements Netns {
        private final String path;
        public final Map<String, LinkState> links = new LinkedHashMap<>();
        public final Map<String, List<AddressWithPrefix>> addresses = new HashMap<>();
        public final List<RouteSpec> routes = new ArrayList<>();
        public final Map<String, String> sysctls = new HashMap<>();
        private final Map<String, Peer> peers = new HashMap<>();

        private record Peer(FakeNs ns, String name) {}

        FakeNs(String path) {
            this.path = path;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public Optional<LinkState> link(String name) {
            return Optional.ofNullable(links.get(name));
        }

        @Override
        public boolean deleteLink(String name) {
            if (links.remove(name) == null) {
                return false;
            }
            forget(name);
            Peer peer = peers.remove(name);
            if (peer != null) {
                peer.ns.links.remove(peer.name);
                peer.ns.peers.remove(peer.name);
                peer.ns.forget(peer.name);
            }
            return true;
        }

        private void forget(String name) {
            addresses.remove(name);
            routes.removeIf(r -> r.dev().equals(name));
            sysctls.keySet().removeIf(k -> k.contains("/" + name + "/"));
        }

        @Override
        public void createVeth(String name, String peerName, Netns peerNs, int mtu) {
            FakeNs other = (FakeNs) peerNs;
            if (links.containsKey(name) || other.links.containsKey(peerName)) {
                throw new IllegalStateException("EEXIST: " + name + " or " + peerName);
            }
            links.put(name, newLink(name, mtu));
            other.links.put(peerName, newLink(peerName, mtu));
            peers.put(name, new Peer(other, peerName));
            other.peers.put(peerName, new Peer(this, name));
        }

        private LinkState newLink(String name, int mtu) {
            return new LinkState(
                    name,
                    nextIndex.getAndIncrement(),
                    new MacAddress(0x0a0000000000L + nextMac.getAndIncrement()),
                    mtu,
                    false);
        }

        @Override
        public void setMac(String link, MacAddress mac) {
            LinkState l = existing(link);
            links.put(link, new LinkState(l.name(), l.index(), mac, l.mtu(), l.up()));
        }

        @Override
        public void setUp(String link) {
            LinkState l = existing(link);
            links.put(link, new LinkState(l.name(), l.index(), l.mac(), l.mtu(), true));
        }

        @Override
        public void addAddress(String link, AddressWithPrefix address) {
            existing(link);
            if (link.equals(failAddressOn)) {
                throw new IllegalStateException("injected failure adding " + address + " to " + link);
            }
            addresses.computeIfAbsent(link, k -> new ArrayList<>()).add(address);
        }

        @Override
        public List<AddressWithPrefix> addresses(String link) {
            return List.copyOf(addresses.getOrDefault(link, List.of()));
        }

        @Override
        public void addRoute(RouteSpec route) {
            existing(route.dev());
            if (!routes.contains(route)) {
                routes.add(route);
            }
        }

        @Override
        public List<RouteSpec> routes(String link) {
            return routes.stream().filter(r -> r.dev().equals(link)).toList();
        }

        @Override
        public void writeSysctl(String key, String value) {
            sysctls.put(key, value);
        }

        @Override
        public Optional<String> readSysctl(String key) {
            return Optional.ofNullable(sysctls.get(key));
        }

        private LinkState existing(String link) {
            LinkState l = links.get(link);
            if (l == null) {
                throw new IllegalStateException("ENODEV: " + link + " in " + path);
            }
            return l;
        }

        @Override
        public void close() {}
    }
}
