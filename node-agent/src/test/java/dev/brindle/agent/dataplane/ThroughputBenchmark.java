package dev.brindle.agent.dataplane;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.Underlay;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pod-to-pod TCP throughput across two nodes (iperf3, 5 s) in no-encap and VXLAN modes, against the bare underlay
 * between the same two node namespaces. Agents are the in-JVM dataplane on the real kernel (as {@link KernelLab}).
 * Not a test; figures for docs/benchmarks.md.
 */
public final class ThroughputBenchmark {
    private static final Pattern RECEIVED =
            Pattern.compile("\"sum_received\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.e+]+)");

    private ThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        var subnets = List.of(new Underlay.Subnet(IpPrefix.parse("192.168.97.0/24"), List.of("n1", "n2")));
        try (KernelLab lab = new KernelLab("iperf", subnets, EncapMode.Never, EncapMode.Never)) {
            lab.startAll();
            waitFor(lab);
            String underlay = IpAddresses.format(lab.node("n2").address().address());
            double bare = iperf(lab.node("n1").namespace(), lab.node("n2").namespace(), underlay);
            double noEncap = iperf(lab.pods.get("n1"), lab.pods.get("n2"), lab.podIps.get("n2"));
            lab.setModes(EncapMode.Never, EncapMode.Always, false);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (lab.routes("n1").stream().noneMatch(r -> r.contains("vxlan.brindle"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            waitFor(lab);
            double vxlan = iperf(lab.pods.get("n1"), lab.pods.get("n2"), lab.podIps.get("n2"));
            System.out.printf(
                    "iperf3 5 s: bare underlay %.2f Gbit/s, pod-to-pod no-encap %.2f Gbit/s (%.2fx), VXLAN %.2f Gbit/s"
                            + " (%.2fx)%n",
                    bare / 1e9, noEncap / 1e9, noEncap / bare, vxlan / 1e9, vxlan / bare);
        }
    }

    private static void waitFor(KernelLab lab) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!lab.allPodsReachEachOther() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static double iperf(Namespace client, Namespace server, String address) throws Exception {
        Process s = server.start(new ProcessBuilder("iperf3", "-s", "-1").redirectErrorStream(true));
        try {
            Thread.sleep(500);
            String json = client.ok("iperf3", "-c", address, "-t", "5", "-J");
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
