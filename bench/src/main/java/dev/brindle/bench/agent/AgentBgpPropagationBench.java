package dev.brindle.bench.agent;

import dev.brindle.agent.dataplane.DataplaneAgent;
import dev.brindle.agent.dataplane.DataplaneConfig;
import dev.brindle.agent.dataplane.RouteSource;
import dev.brindle.agent.routing.RoutingAgent;
import dev.brindle.agent.routing.RoutingConfig;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.BGPConfiguration;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.datastore.resource.Node;
import dev.brindle.netlink.FakeNetlink;
import dev.brindle.netlink.NetlinkEvent;
import dev.brindle.netlink.NetlinkGroup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a block claimed on node A takes to become a kernel route on node B through BGP: datastore watch on A →
 * announcement → UPDATE over a real TCP session (loopback, 127.0.0.1 ↔ 127.0.0.2) → B's best route → B's dataplane
 * → B's (fake) kernel. Not a test; figures for docs/benchmarks.md.
 *
 * <pre>java -cp &lt;bench classpath&gt; dev.brindle.bench.agent.AgentBgpPropagationBench [blocks]</pre>
 */
public final class AgentBgpPropagationBench {
    private AgentBgpPropagationBench() {}

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Datastore store = Datastores.inMemory();
        store.create(IPPool.of("default", "10.244.0.0/16"));
        store.create(new BGPConfiguration(
                Metadata.named("default"), new BGPConfiguration.Spec(64512, true, null, port, null)));
        store.create(Node.of("a", AddressWithPrefix.parse("127.0.0.1/8")));
        store.create(Node.of("b", AddressWithPrefix.parse("127.0.0.2/8")));
        FakeNetlink kernelB = kernel("127.0.0.2/8");
        Map<IpPrefix, Long> seen = new ConcurrentHashMap<>();
        kernelB.subscribe(Set.of(NetlinkGroup.IPV4_ROUTE), e -> {
            if (e instanceof NetlinkEvent.RouteChanged rc && !rc.removed()) {
                seen.putIfAbsent(rc.route().destination(), System.nanoTime());
            }
        });
        List<AutoCloseable> running = new ArrayList<>();
        try {
            RoutingAgent a = node(store, kernel("127.0.0.1/8"), "a", "127.0.0.1/8", running);
            RoutingAgent b = node(store, kernelB, "b", "127.0.0.2/8", running);
            BenchSupport.until(() -> a.sessionsUp() && b.sessionsUp(), Duration.ofSeconds(30));
            List<Long> latencies = new ArrayList<>();
            IpPrefix pool = IpPrefix.parse("10.244.0.0/16");
            for (int i = 0; i < blocks; i++) {
                IpPrefix block = pool.subnet(26, i);
                long t0 = System.nanoTime();
                store.create(IPAMBlock.empty(block, "a", 0, Instant.EPOCH));
                store.create(BlockAffinity.pending("a", block).withState(BlockAffinity.State.confirmed));
                BenchSupport.until(() -> seen.containsKey(block), Duration.ofSeconds(10));
                latencies.add(seen.get(block) - t0);
            }
            System.out.printf(
                    "block claimed on a → route on b via BGP: p50 %.2f ms, p90 %.2f ms (%d blocks)%n",
                    BenchSupport.percentileMillis(latencies, 50), BenchSupport.percentileMillis(latencies, 90), blocks);
        } finally {
            for (AutoCloseable c : running.reversed()) {
                c.close();
            }
        }
    }

    private static FakeNetlink kernel(String address) {
        FakeNetlink k = new FakeNetlink();
        k.addUplink("eth0", AddressWithPrefix.parse(address));
        return k;
    }

    private static RoutingAgent node(
            Datastore store, FakeNetlink kernel, String name, String address, List<AutoCloseable> running) {
        AddressWithPrefix a = AddressWithPrefix.parse(address);
        DataplaneConfig config =
                new DataplaneConfig(RouteSource.BGP, Duration.ofSeconds(90), Duration.ofMillis(100), rules -> {});
        DataplaneAgent dataplane = new DataplaneAgent(store, kernel, name, a, config);
        RoutingAgent routing =
                new RoutingAgent(store, dataplane, name, a, new RoutingConfig(120, Duration.ofSeconds(30)));
        dataplane.start();
        routing.start();
        running.add(dataplane);
        running.add(routing);
        return routing;
    }
}
