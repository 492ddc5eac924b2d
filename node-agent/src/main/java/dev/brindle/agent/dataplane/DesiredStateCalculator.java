package dev.brindle.agent.dataplane;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Node;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pure function from the cluster's state to this node's kernel state (calico-facts §4): blackholes for local
 * blocks; for each remote block the form its pool's mode asks for (no-encap, IPIP over tunl0, VXLAN over
 * vxlan.brindle, CrossSubnet choosing no-encap for peers inside our underlay prefix); the VXLAN device and one
 * neighbour + FDB entry per remote VTEP; tunl0's configuration; the natOutgoing rule; and what BGP announces.
 *
 * <p>VXLAN routes always come from the datastore (block affinity + the owner's VTEP). No-encap and IPIP routes come
 * from BGP best routes unless {@link RouteSource#DATASTORE} is chosen, then from block affinity like VXLAN.
 */
public final class DesiredStateCalculator {
    private final ClusterSnapshot cluster;
    private final LocalNode me;
    private final DataplaneOptions options;
    private final Map<String, Node> nodes;
    private final Optional<Node> myRecord;
    private final Optional<VxlanDevice> vxlan;
    private final TreeMap<IpPrefix, DesiredRoute> routes = new TreeMap<>();
    private final Set<IpPrefix> announcements = new LinkedHashSet<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private final Set<String> waiting = new LinkedHashSet<>();
    private final Set<IpPrefix> held = new LinkedHashSet<>();

    private DesiredStateCalculator(ClusterSnapshot cluster, LocalNode me, DataplaneOptions options) {
        this.cluster = cluster;
        this.me = me;
        this.options = options;
        this.nodes = cluster.nodes().stream().collect(Collectors.toMap(Node::name, Function.identity(), (a, b) -> a));
        this.myRecord = Optional.ofNullable(nodes.get(me.name()));
        this.vxlan = vxlanDevice();
    }

    /**
     * Computes the desired state.
     *
     * @param bgpBest the speaker's best routes learned from peers: prefix → next hop (ignored for VXLAN pools and with
     *     {@link RouteSource#DATASTORE})
     */
    public static DesiredState compute(
            ClusterSnapshot cluster, LocalNode me, Map<IpPrefix, InetAddress> bgpBest, DataplaneOptions options) {
        return new DesiredStateCalculator(cluster, me, options).run(bgpBest);
    }

    private DesiredState run(Map<IpPrefix, InetAddress> bgpBest) {
        reportIpipWithoutModule();
        BlockOwners owners = BlockOwners.of(cluster.blocks(), cluster.affinities());
        owners.owners().forEach(this::blockRoute);
        owners.borrowed().forEach(this::borrowedRoute);
        if (options.routeSource() == RouteSource.BGP) {
            bgpBest.forEach(this::bgpRoute);
        }
        return new DesiredState(
                routes,
                vxlan,
                tunl0(),
                vteps(),
                nat(),
                List.copyOf(announcements),
                List.copyOf(problems),
                List.copyOf(waiting),
                held);
    }

    private void blockRoute(IpPrefix block, String owner) {
        Optional<IPPool> pool = poolOf(block);
        if (owner.equals(me.name())) {
            // calico-facts §4.3: a blackhole per local block, so unallocated addresses are dropped, not leaked out of
            // the default route; /32 blocks are the address itself and get none.
            if (block.length() < block.family().bits()) {
                routes.put(block, DesiredRoute.blackhole(block));
            }
            if (pool.isPresent() && !pool.get().spec().disableBGPExport()) {
                announcements.add(block);
            }
            return;
        }
        pool.filter(this::fromDatastore).ifPresent(p -> towardsNode(block, p, owner));
    }

    private void borrowedRoute(BlockOwners.Borrowed b) {
        IpPrefix host = IpPrefix.host(b.address());
        Optional<IPPool> pool = poolOf(b.block());
        if (b.holder().equals(me.name())) {
            // The owner routes the whole block to itself; our workload's address must be announced on its own.
            if (pool.isPresent() && !pool.get().spec().disableBGPExport()) {
                announcements.add(host);
            }
            return;
        }
        pool.filter(this::fromDatastore).ifPresent(p -> towardsNode(host, p, b.holder()));
    }

    private boolean fromDatastore(IPPool pool) {
        return pool.spec().vxlanMode().enabled() || options.routeSource() == RouteSource.DATASTORE;
    }

    /** The route to {@code destination} held by {@code owner}, in the form {@code pool}'s mode asks for. */
    private void towardsNode(IpPrefix destination, IPPool pool, String owner) {
        Node node = nodes.get(owner);
        if (node == null || node.spec().ipv4Address() == null) {
            waiting.add("node " + owner + " holds " + destination + " but has no Node record with an IPv4 address"
                    + " yet; its routes follow once its brindle-node registers");
            return;
        }
        InetAddress address = node.spec().ipv4Address().address();
        IPPool.Spec spec = pool.spec();
        if (spec.vxlanMode().enabled()) {
            if (crossSubnetLocal(spec.vxlanMode(), address)) {
                put(DesiredRoute.noEncap(destination, address, me.underlay()));
            } else if (vxlan.isPresent() && node.spec().ipv4VXLANTunnelAddr() != null) {
                put(DesiredRoute.vxlan(destination, node.spec().ipv4VXLANTunnelAddr()));
            } else {
                // Just switched to VXLAN: the VTEPs come a moment later; until then the old route carries the traffic.
                held.add(destination);
                if (vxlan.isPresent()) {
                    waiting.add("node " + owner + " has no VXLAN tunnel address yet; routes to its blocks in pool "
                            + pool.name() + " follow once its brindle-node allocates one");
                }
            }
            return;
        }
        viaNextHop(destination, pool, address);
    }

    /** A no-encap or IPIP route via a node's underlay address (from the datastore or a BGP next hop). */
    private void viaNextHop(IpPrefix destination, IPPool pool, InetAddress nextHop) {
        EncapMode ipip = pool.spec().ipipMode();
        if (ipip.enabled() && !options.ipipSupported()) {
            return; // reported once per pool by reportIpipWithoutModule: nothing of it is programmed
        }
        if (!ipip.enabled()) {
            noEncap(destination, pool, nextHop);
        } else if (crossSubnetLocal(ipip, nextHop)) {
            put(DesiredRoute.noEncap(destination, nextHop, me.underlay()));
        } else {
            put(DesiredRoute.ipip(destination, nextHop));
        }
    }

    /**
     * A no-encap route needs a next hop on our underlay subnet: the kernel refuses a gateway it cannot reach
     * directly (ENETUNREACH), so a peer across a router is reported instead of failing on every pass.
     */
    private void noEncap(IpPrefix destination, IPPool pool, InetAddress nextHop) {
        if (me.sameSubnet(nextHop)) {
            put(DesiredRoute.noEncap(destination, nextHop, me.underlay()));
        } else {
            problems.add("IPPool " + pool.name() + " has no encapsulation but " + destination + " is behind "
                    + IpAddresses.format(nextHop) + ", outside this node's subnet "
                    + me.address().network()
                    + ": it cannot be routed directly; set ipipMode or vxlanMode to CrossSubnet");
        }
    }

    private void bgpRoute(IpPrefix prefix, InetAddress nextHop) {
        Optional<IPPool> pool = poolOf(prefix);
        if (pool.isEmpty() || pool.get().spec().vxlanMode().enabled() || routes.containsKey(prefix)) {
            return; // outside our pools, VXLAN (datastore-driven), or a local block's blackhole
        }
        if (nextHop.equals(me.address().address())) {
            return;
        }
        viaNextHop(prefix, pool.get(), nextHop);
    }

    private boolean crossSubnetLocal(EncapMode mode, InetAddress peer) {
        return mode == EncapMode.CrossSubnet && me.sameSubnet(peer);
    }

    private void put(DesiredRoute route) {
        routes.putIfAbsent(route.destination(), route);
    }

    private Optional<IPPool> poolOf(IpPrefix prefix) {
        return cluster.pools().stream()
                .filter(p -> p.spec().cidr().contains(prefix))
                .findFirst();
    }

    private boolean anyPool(java.util.function.Predicate<IPPool.Spec> test) {
        return cluster.pools().stream().map(IPPool::spec).anyMatch(test);
    }

    private void reportIpipWithoutModule() {
        if (options.ipipSupported()) {
            return;
        }
        for (IPPool p : cluster.pools()) {
            if (p.spec().ipipMode().enabled()) {
                problems.add("IPPool " + p.name() + " has ipipMode " + p.spec().ipipMode()
                        + " but this kernel has no ipip module (no tunl0): its remote routes are not programmed;"
                        + " load the ipip module or switch the pool to vxlanMode");
            }
        }
    }

    private Optional<VxlanDevice> vxlanDevice() {
        if (!anyPool(s -> s.vxlanMode().enabled())) {
            return Optional.empty();
        }
        InetAddress vtep = myRecord.map(n -> n.spec().ipv4VXLANTunnelAddr()).orElse(null);
        if (vtep == null) {
            problems.add("node " + me.name() + " has no VXLAN tunnel address yet (IPAM allocates it from a VXLAN"
                    + " pool): vxlan.brindle and VXLAN routes wait for it");
            return Optional.empty();
        }
        return Optional.of(new VxlanDevice(
                vtep,
                macOf(myRecord.get()),
                me.underlayMtu() - VxlanDevice.OVERHEAD,
                me.address().address(),
                me.underlay()));
    }

    private Optional<Tunl0Device> tunl0() {
        if (!options.ipipSupported() || !anyPool(s -> s.ipipMode().enabled())) {
            return Optional.empty();
        }
        Optional<InetAddress> address = myRecord.map(n -> n.spec().ipv4IPIPTunnelAddr());
        return Optional.of(new Tunl0Device(address, me.underlayMtu() - Tunl0Device.OVERHEAD));
    }

    private List<VtepPeer> vteps() {
        if (vxlan.isEmpty()) {
            return List.of();
        }
        List<VtepPeer> peers = new ArrayList<>();
        for (Node n : cluster.nodes()) {
            Node.Spec s = n.spec();
            if (!n.name().equals(me.name()) && s.ipv4VXLANTunnelAddr() != null && s.ipv4Address() != null) {
                peers.add(new VtepPeer(
                        n.name(),
                        s.ipv4VXLANTunnelAddr(),
                        macOf(n),
                        s.ipv4Address().address()));
            }
        }
        return peers;
    }

    private static dev.brindle.core.MacAddress macOf(Node n) {
        return n.spec().vxlanTunnelMACAddr() != null ? n.spec().vxlanTunnelMACAddr() : VtepMac.of(n.name());
    }

    private NatRules nat() {
        List<IpPrefix> all = cluster.pools().stream().map(p -> p.spec().cidr()).toList();
        List<IpPrefix> masq = cluster.pools().stream()
                .filter(p -> p.spec().natOutgoing())
                .map(p -> p.spec().cidr())
                .toList();
        return new NatRules(masq, all);
    }

    @Override
    public String toString() {
        return "desired state of " + me.name() + " ("
                + IpAddresses.format(me.address().address()) + ")";
    }
}
