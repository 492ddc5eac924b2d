package dev.brindle.agent.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
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
import dev.brindle.lab.Underlay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The resident memory of a real {@code brindle-node} (shaded jar, default JVM flags of the test launcher) whose
 * store describes a cluster of N nodes (each with a block and a VTEP, pool in VXLAN, BGP mesh on: the other nodes'
 * speakers do not exist, so their sessions keep retrying), read from {@code /proc/PID/status} once every remote
 * route is programmed. Not a test; figures for docs/benchmarks.md.
 *
 * <pre>java -cp &lt;test classpath&gt; dev.brindle.agent.dataplane.AgentFootprintBenchmark 3 100</pre>
 */
public final class AgentFootprintBenchmark {
    private AgentFootprintBenchmark() {}

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
            ns.ok("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "peer0");
            ns.ok("ip", "link", "set", "peer0", "up");
            ns.ok("ip", "addr", "add", "192.168.96.1/24", "dev", "eth0");
            ns.ok("ip", "link", "set", "eth0", "up");
            ns.ok("ip", "link", "set", "lo", "up");
            ns.ok("ip", "route", "add", "default", "via", "192.168.96.254");
            Underlay.Node node = new Underlay.Node(
                    ns, "eth0", AddressWithPrefix.parse("192.168.96.1/24"), IpAddresses.parse("192.168.96.254"));
            Process agent = NodeProcesses.start(node, store, dir);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (NodeProcesses.routes(node).size() < nodes && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            int routes = NodeProcesses.routes(node).size();
            Thread.sleep(5000); // settle: GC, watch catch-up
            long rssKb = rss(childJava(agent.pid()));
            System.out.printf(
                    "brindle-node with a %d-node cluster: %d routes programmed, RSS %.1f MiB%n",
                    nodes, routes, rssKb / 1024.0);
        }
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
