package dev.brindle.bench.agent;

import dev.brindle.lab.Cmd;
import dev.brindle.lab.cluster.ClusterSpec;
import dev.brindle.lab.cluster.LabCluster;
import dev.brindle.lab.cluster.LabMode;
import dev.brindle.lab.cluster.Pod;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pod-to-pod TCP throughput across two nodes (iperf3, 5 s) in no-encap and VXLAN modes, against the bare underlay
 * between the same two node namespaces. The cluster is the lab ({@code brindlectl lab up --nodes 2 --pods-per-node 1}):
 * real {@code brindle-node} processes, pods attached by the real {@code brindle}; the mode switch is the lab's live pool
 * edit. Not a test; figures for docs/benchmarks.md.
 *
 * <pre>sudo java -cp &lt;bench classpath&gt; dev.brindle.bench.agent.ThroughputBench</pre>
 */
public final class ThroughputBench {
    private static final String LAB = "brlperf";
    private static final Pattern RECEIVED =
            Pattern.compile("\"sum_received\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.e+]+)");
    private static final Pattern ADDRESS = Pattern.compile("inet ([0-9.]+)/");

    private ThroughputBench() {}

    public static void main(String[] args) throws Exception {
        LabCluster lab = new LabCluster(LAB, System.out);
        try {
            lab.up(new ClusterSpec(LAB, 2, 1, LabMode.NOENCAP, ClusterSpec.DEFAULT_POOL));
            Pod a = pod(lab, "node1");
            Pod b = pod(lab, "node2");
            double bare = iperf(LAB + "-node1", LAB + "-node2", underlayAddress(LAB + "-node2"));
            double noEncap = iperf(a.namespace(), b.namespace(), b.address());
            lab.setMode(LabMode.VXLAN);
            double vxlan = iperf(a.namespace(), b.namespace(), b.address());
            System.out.printf(
                    "iperf3 5 s: bare underlay %.2f Gbit/s, pod-to-pod no-encap %.2f Gbit/s (%.2fx), VXLAN %.2f Gbit/s"
                            + " (%.2fx)%n",
                    bare / 1e9, noEncap / 1e9, noEncap / bare, vxlan / 1e9, vxlan / bare);
        } finally {
            lab.down();
        }
    }

    private static Pod pod(LabCluster lab, String node) {
        return lab.pods().stream()
                .filter(p -> p.node().equals(node))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the lab has no pod on " + node));
    }

    private static String underlayAddress(String namespace) {
        Matcher m = ADDRESS.matcher(Cmd.ok("ip", "-n", namespace, "-4", "-o", "addr", "show", "dev", "eth0"));
        if (!m.find()) {
            throw new IllegalStateException("no IPv4 address on eth0 in " + namespace);
        }
        return m.group(1);
    }

    /** Bits per second received by an iperf3 server in {@code server} from a 5 s client run in {@code client}. */
    private static double iperf(String client, String server, String address) throws Exception {
        // ip netns exec replaces itself with iperf3: destroying the process stops the server.
        Process s = new ProcessBuilder("ip", "netns", "exec", server, "iperf3", "-s", "-1")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Thread.sleep(500);
            String json = Cmd.ok("ip", "netns", "exec", client, "iperf3", "-c", address, "-t", "5", "-J");
            Matcher m = RECEIVED.matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("no sum_received in iperf3 output: " + json);
            }
            return Double.parseDouble(m.group(1));
        } finally {
            s.destroy();
            s.waitFor();
        }
    }
}
