package dev.brindle.bench.agent;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Node;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import dev.brindle.lab.cluster.Binaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The resident memory of a real {@code brindle-node} (the shaded jar {@code node-agent/target/brindle-node.jar},
 * built first when missing, with the SerialGC and C1-only flags the node agent's ITs use) whose
 * store describes a cluster of N nodes (each with a block and a VTEP, pool in VXLAN, BGP mesh on: the other nodes'
 * speakers do not exist, so their sessions keep retrying), read from {@code /proc/PID/status} once every remote
 * route is programmed. Not a test; figures for docs/benchmarks.md.
 *
 * <pre>java -cp &lt;bench classpath&gt; dev.brindle.bench.agent.AgentFootprintBench 3 100</pre>
 */
public final class AgentFootprintBench {
    private AgentFootprintBench() {}

    public static void main(String[] args) throws Exception {
        for (String n : args.length > 0 ? args : new String[] {"3", "100"}) {
            measure(Integer.parseInt(n));
        }
    }

    private static void measure(int nodes) throws Exception {
        Path dir = Files.createTempDirectory("brindle-footprint");
        String store = "file:" + dir.resolve("store");
        IpPrefix pool = IpPrefix.parse("10.244.0.0/16");
        try (Datastore ds = Datastores.open(store, null)) {
            ds.create(IPPool.of("default", pool.toString())
                    .withSpec(IPPool.Spec.defaults(pool).withEncapsulation(EncapMode.Never, EncapMode.Always)));
            for (int i = 2; i <= nodes; i++) {
                String name = "sim" + i;
                IpPrefix block = pool.subnet(26, i);
                AddressWithPrefix address = AddressWithPrefix.parse("192.168.96." + (i + 1) + "/24");
                store(ds, name, address, block);
            }
        }
        try (NamespaceSet set = NamespaceSet.create("footprint")) {
            Namespace ns = set.add("n1");
            BenchSupport.underlay(ns, "192.168.96.1/24");
            ns.ok("ip", "link", "set", "lo", "up");
            ns.ok("ip", "route", "add", "default", "via", "192.168.96.254");
            Process agent = startAgent(ns, store, dir);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (routes(ns) < nodes && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            int routes = routes(ns);
            Thread.sleep(5000); // settle: GC, watch catch-up
            long rssKb = rss(childJava(agent.pid()));
            System.out.printf(
                    "brindle-node with a %d-node cluster: %d routes programmed, RSS %.1f MiB%n",
                    nodes, routes, rssKb / 1024.0);
        }
    }

    private static Process startAgent(Namespace ns, String store, Path dir) {
        Binaries bin = Binaries.locate();
        bin.ensureBuilt(System.out::println);
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        bin.home().resolve("node-agent/target/brindle-node.jar").toString(),
                        "--node-name",
                        "n1",
                        "--ip",
                        "192.168.96.1/24",
                        "--datastore",
                        store,
                        "--run-dir",
                        dir.resolve("run").toString(),
                        "--state-dir",
                        dir.resolve("state").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("agent.log").toFile()));
        return ns.start(pb);
    }

    /** How many protocol-98 routes the agent programmed in {@code ns}. */
    private static int routes(Namespace ns) {
        return (int) ns.ok("ip", "route", "show", "proto", "98").lines().count();
    }

    private static void store(Datastore ds, String name, AddressWithPrefix address, IpPrefix block) {
        ds.create(Node.of(name, address)
                .withSpec(Node.of(name, address).spec().withVxlanTunnel(block.addressAt(0), null)));
        ds.create(IPAMBlock.empty(block, name, 0, Instant.EPOCH));
        ds.create(BlockAffinity.pending(name, block).withState(BlockAffinity.State.confirmed));
    }

    /** {@code ip netns exec} forks the JVM: find the java process under it. */
    private static long childJava(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(p -> p.descendants()
                        .filter(d -> d.info().command().orElse("").endsWith("java"))
                        .findFirst())
                .map(ProcessHandle::pid)
                .orElse(pid);
    }

    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
