package dev.brindle.agent.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Node;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Test fixture: three nodes, {@code node-a} (us, 10.0.0.1/24), {@code node-b} (10.0.0.2/24, same subnet) and
 * {@code node-c} (10.0.1.3/24, another subnet), each with one /26 block of pool 10.244.0.0/16 and a VTEP.
 */
final class Cluster {
    static final String A = "node-a";
    static final String B = "node-b";
    static final String C = "node-c";
    static final IpPrefix POOL = IpPrefix.parse("10.244.0.0/16");
    static final IpPrefix BLOCK_A = IpPrefix.parse("10.244.0.0/26");
    static final IpPrefix BLOCK_B = IpPrefix.parse("10.244.0.64/26");
    static final IpPrefix BLOCK_C = IpPrefix.parse("10.244.0.128/26");
    static final LocalNode ME = new LocalNode(A, AddressWithPrefix.parse("10.0.0.1/24"), "eth0", 1500);

    final List<IPPool> pools = new ArrayList<>();
    final List<IPAMBlock> blocks = new ArrayList<>();
    final List<BlockAffinity> affinities = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();

    static InetAddress ip(String s) {
        return IpAddresses.parse(s);
    }

    /** The three nodes and blocks, and the pool in the given modes. */
    static Cluster threeNodes(EncapMode ipip, EncapMode vxlan) {
        Cluster c = new Cluster();
        c.pool("default", POOL, ipip, vxlan);
        c.node(A, "10.0.0.1/24", "10.244.0.1", "10.244.0.0");
        c.node(B, "10.0.0.2/24", "10.244.0.65", "10.244.0.64");
        c.node(C, "10.0.1.3/24", "10.244.0.129", "10.244.0.128");
        c.block(BLOCK_A, A);
        c.block(BLOCK_B, B);
        c.block(BLOCK_C, C);
        return c;
    }

    /** As {@link #threeNodes}, with {@code node-c} moved into our subnet (10.0.0.3/24). */
    static Cluster oneSubnet(EncapMode ipip, EncapMode vxlan) {
        return threeNodes(ipip, vxlan).node(C, "10.0.0.3/24", "10.244.0.129", "10.244.0.128");
    }

    Cluster pool(String name, IpPrefix cidr, EncapMode ipip, EncapMode vxlan) {
        pools.add(IPPool.of(name, cidr.toString())
                .withSpec(IPPool.Spec.defaults(cidr).withEncapsulation(ipip, vxlan)));
        return this;
    }

    Cluster editPool(String name, java.util.function.UnaryOperator<IPPool.Spec> edit) {
        pools.replaceAll(p -> p.name().equals(name) ? p.withSpec(edit.apply(p.spec())) : p);
        return this;
    }

    Cluster node(String name, String address, String ipipTunnel, String vxlanTunnel) {
        Node.Spec spec = Node.of(name, AddressWithPrefix.parse(address))
                .spec()
                .withIpipTunnelAddr(ipipTunnel == null ? null : ip(ipipTunnel))
                .withVxlanTunnel(vxlanTunnel == null ? null : ip(vxlanTunnel), null);
        nodes.removeIf(n -> n.name().equals(name));
        nodes.add(Node.of(name, AddressWithPrefix.parse(address)).withSpec(spec));
        return this;
    }

    Cluster block(IpPrefix cidr, String node) {
        blocks.add(IPAMBlock.empty(cidr, node, 0, Instant.EPOCH));
        affinities.add(BlockAffinity.pending(node, cidr).withState(BlockAffinity.State.confirmed));
        return this;
    }

    /** Allocates ordinal {@code ordinal} of the block {@code cidr} to a workload on {@code holder}. */
    Cluster allocate(IpPrefix cidr, int ordinal, String holder) {
        blocks.replaceAll(b -> {
            if (!b.spec().cidr().equals(cidr)) {
                return b;
            }
            IPAMBlock.Spec s = b.spec();
            List<Integer> allocations = new ArrayList<>(s.allocations());
            List<IPAMBlock.Attribute> attrs = new ArrayList<>(s.attributes());
            attrs.add(new IPAMBlock.Attribute("net." + holder + ordinal, Map.of("node", holder)));
            allocations.set(ordinal, attrs.size() - 1);
            List<Integer> free = IntStream.range(0, s.size())
                    .filter(i -> allocations.get(i) == null)
                    .boxed()
                    .toList();
            return b.withSpec(new IPAMBlock.Spec(
                    s.cidr(),
                    s.affinity(),
                    s.affinityClaimTime(),
                    allocations,
                    free,
                    attrs,
                    s.sequenceNumber(),
                    s.sequenceNumberForAllocation(),
                    s.deleted()));
        });
        return this;
    }

    ClusterSnapshot snapshot() {
        return new ClusterSnapshot(pools, blocks, affinities, nodes);
    }

    DesiredState desired(RouteSource source, boolean ipip) {
        return DesiredStateCalculator.compute(snapshot(), ME, Map.of(), new DataplaneOptions(source, ipip));
    }

    DesiredState desired(Map<IpPrefix, InetAddress> bgp) {
        return DesiredStateCalculator.compute(snapshot(), ME, bgp, new DataplaneOptions(RouteSource.BGP, true));
    }
}
