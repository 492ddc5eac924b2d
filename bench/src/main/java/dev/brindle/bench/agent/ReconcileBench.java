package dev.brindle.bench.agent;

import dev.brindle.agent.dataplane.DataplaneAgent;
import dev.brindle.agent.dataplane.DataplaneConfig;
import dev.brindle.agent.dataplane.DesiredRoute;
import dev.brindle.agent.dataplane.DesiredState;
import dev.brindle.agent.dataplane.NatRules;
import dev.brindle.agent.dataplane.ReconcileReport;
import dev.brindle.agent.dataplane.Reconciler;
import dev.brindle.agent.dataplane.RouteSource;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Node;
import dev.brindle.lab.Cmd;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import dev.brindle.netlink.NetlinkEvent;
import dev.brindle.netlink.NetlinkGroup;
import dev.brindle.netlink.rt.RtNetlink;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures the node agent's figures for docs/benchmarks.md (run as root; not a test): reconciling 10,000 remote block
 * routes from empty against {@code ip -batch} with the same routes, in a scratch namespace; and how long a block
 * claimed in the datastore takes to become a VXLAN route in the kernel (watch → desired state → netlink).
 *
 * <pre>java -cp &lt;test classpath&gt; dev.brindle.agent.dataplane.ReconcileBenchmark [routes] [rounds]</pre>
 */
public final class ReconcileBench {
    private ReconcileBench() {}

    public static void main(String[] args) throws Exception {
        int routes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (NamespaceSet set = NamespaceSet.create("bench")) {
            Namespace ns = set.add("node");
            BenchSupport.underlay(ns, "10.0.0.1/24");
            reconcileVersusIpBatch(ns, routes, rounds);
            propagation(set.add("prop"), 50);
        }
    }

    private static void reconcileVersusIpBatch(Namespace ns, int count, int rounds) throws Exception {
        TreeMap<IpPrefix, DesiredRoute> routes = new TreeMap<>();
        InetAddress via = IpAddresses.parse("10.0.0.2");
        IpPrefix space = IpPrefix.parse("10.128.0.0/10");
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < count; i++) {
            IpPrefix block = space.subnet(26, i);
            routes.put(block, DesiredRoute.noEncap(block, via, "eth0"));
            batch.append("route replace ").append(block).append(" via 10.0.0.2 dev eth0 proto 98\n");
        }
        DesiredState desired = new DesiredState(
                routes,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                List.of(),
                NatRules.NONE,
                List.of(),
                List.of(),
                List.of(),
                java.util.Set.of());
        Path file = Files.createTempFile("routes", ".batch");
        Files.writeString(file, batch);
        List<Long> ip = new ArrayList<>();
        List<Long> brindle = new ArrayList<>();
        try (RtNetlink netlink = RtNetlink.open(ns.path())) {
            Reconciler reconciler = new Reconciler(netlink, rules -> {});
            reconciler.reconcile(desired, false); // warm-up: JIT, socket buffers
            flush(ns);
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                Cmd.ok("ip", "-n", ns.name(), "-batch", file.toString());
                ip.add(System.nanoTime() - t0);
                flush(ns);
                long t1 = System.nanoTime();
                ReconcileReport report = reconciler.reconcile(desired, false);
                brindle.add(System.nanoTime() - t1);
                if (report.routesChanged() != count || !report.ok()) {
                    throw new IllegalStateException("reconcile wrote " + report.routesChanged() + " of " + count
                            + " routes: " + report.errors());
                }
                flush(ns);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        double ipMs = BenchSupport.percentileMillis(ip, 50);
        double brMs = BenchSupport.percentileMillis(brindle, 50);
        System.out.printf(
                "reconcile %d routes from empty: brindle %.1f ms, ip -batch %.1f ms (median of %d)," + " ratio %.2f%n",
                count, brMs, ipMs, rounds, brMs / ipMs);
    }

    private static void flush(Namespace ns) {
        ns.ok("ip", "route", "flush", "proto", "98");
    }

    private static void propagation(Namespace ns, int blocks) throws Exception {
        BenchSupport.underlay(ns, "10.1.0.1/24");
        Datastore store = Datastores.inMemory();
        IpPrefix pool = IpPrefix.parse("10.244.0.0/16");
        store.create(IPPool.of("default", pool.toString())
                .withSpec(IPPool.Spec.defaults(pool).withEncapsulation(EncapMode.Never, EncapMode.Always)));
        for (String[] n :
                new String[][] {{"a", "10.1.0.1/24", "10.244.255.0"}, {"b", "10.1.0.2/24", "10.244.255.64"}}) {
            store.create(Node.of(n[0], AddressWithPrefix.parse(n[1]))
                    .withSpec(Node.of(n[0], AddressWithPrefix.parse(n[1]))
                            .spec()
                            .withVxlanTunnel(IpAddresses.parse(n[2]), null)));
        }
        Map<IpPrefix, Long> seen = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        try (RtNetlink netlink = RtNetlink.open(ns.path());
                RtNetlink watcher = RtNetlink.open(ns.path());
                var sub = watcher.subscribe(java.util.Set.of(NetlinkGroup.IPV4_ROUTE), e -> {
                    if (e instanceof NetlinkEvent.RouteChanged rc && !rc.removed()) {
                        seen.putIfAbsent(rc.route().destination(), System.nanoTime());
                    }
                })) {
            DataplaneConfig config =
                    new DataplaneConfig(RouteSource.DATASTORE, Duration.ofSeconds(90), Duration.ofSeconds(1), r -> {});
            try (DataplaneAgent agent =
                    new DataplaneAgent(store, netlink, "a", AddressWithPrefix.parse("10.1.0.1/24"), config)) {
                agent.start();
                BenchSupport.until(() -> agent.status().reconciles() > 0, Duration.ofSeconds(10));
                for (int i = 0; i < blocks; i++) {
                    IpPrefix block = pool.subnet(26, i);
                    long t0 = System.nanoTime();
                    store.create(IPAMBlock.empty(block, "b", 0, Instant.EPOCH));
                    BenchSupport.until(() -> seen.containsKey(block), Duration.ofSeconds(10));
                    latencies.add(seen.get(block) - t0);
                }
            }
        }
        System.out.printf(
                "block claimed on b → VXLAN route on a (datastore watch): p50 %.2f ms, p90 %.2f ms (%d blocks)%n",
                BenchSupport.percentileMillis(latencies, 50), BenchSupport.percentileMillis(latencies, 90), blocks);
    }
}
