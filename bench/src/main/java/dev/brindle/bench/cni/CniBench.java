package dev.brindle.bench.cni;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ADD/DEL latency of a CNI plugin, measured the way a runtime pays it: fork+exec with env and stdin, wall time until
 * exit. Runs inside the node namespace (bench/cni/run.sh puts it there) so that no {@code ip netns exec} sits between
 * the clock and the plugin. JDK only, so it runs as a single source file ({@code java CniBench.java}).
 *
 * <p>Arguments: {@code <label> <plugin path> <CNI_PATH> <netconf> <sequential count> <burst count> <netns>...};
 * prints one line per figure ({@code label metric value}).
 */
public final class CniBench {
    private CniBench() {}

    public static void main(String[] args) throws Exception {
        String label = args[0];
        Path plugin = Path.of(args[1]);
        String cniPath = args[2];
        String conf = args[3];
        int sequential = Integer.parseInt(args[4]);
        int burst = Integer.parseInt(args[5]);
        List<String> netns = List.of(args).subList(6, args.length);
        if (netns.size() < Math.max(sequential, burst)) {
            throw new IllegalArgumentException("need " + Math.max(sequential, burst) + " pod namespaces");
        }
        double[] add = new double[sequential];
        double[] del = new double[sequential];
        for (int i = 0; i < sequential; i++) {
            add[i] = timed(plugin, "ADD", label + i, netns.get(i), cniPath, conf);
        }
        for (int i = 0; i < sequential; i++) {
            del[i] = timed(plugin, "DEL", label + i, netns.get(i), cniPath, conf);
        }
        report(label, "add", add);
        report(label, "del", del);

        long start = System.nanoTime();
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            running.add(start(plugin, "ADD", label + "b" + i, netns.get(i), cniPath, conf));
        }
        int failed = 0;
        for (Process p : running) {
            failed += finish(p) == 0 ? 0 : 1;
        }
        double wall = (System.nanoTime() - start) / 1e6;
        System.out.printf(Locale.ROOT, "%s burst%d_wall_ms %.1f%n", label, burst, wall);
        System.out.printf(Locale.ROOT, "%s burst%d_failed %d%n", label, burst, failed);
        for (int i = 0; i < burst; i++) {
            timed(plugin, "DEL", label + "b" + i, netns.get(i), cniPath, conf);
        }
    }

    private static void report(String label, String op, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s %s_p50_ms %.1f%n", label, op, s[(int) Math.floor(0.50 * (s.length - 1))]);
        System.out.printf(Locale.ROOT, "%s %s_p99_ms %.1f%n", label, op, s[(int) Math.floor(0.99 * (s.length - 1))]);
        System.out.printf(Locale.ROOT, "%s %s_min_ms %.1f%n", label, op, s[0]);
    }

    private static double timed(Path plugin, String cmd, String id, String netns, String cniPath, String conf)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        int rc = finish(start(plugin, cmd, id, netns, cniPath, conf));
        double ms = (System.nanoTime() - t0) / 1e6;
        if (rc != 0) {
            throw new IllegalStateException(plugin + " " + cmd + " " + id + " failed with exit " + rc);
        }
        return ms;
    }

    private static Process start(Path plugin, String cmd, String id, String netns, String cniPath, String conf)
            throws IOException {
        var pb = new ProcessBuilder(plugin.toString());
        Map<String, String> env = pb.environment();
        env.put("CNI_COMMAND", cmd);
        env.put("CNI_CONTAINERID", id);
        env.put("CNI_NETNS", netns);
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=bench;K8S_POD_NAME=" + id);
        env.put("CNI_PATH", cniPath);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(conf.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private static int finish(Process p) throws InterruptedException {
        return p.waitFor();
    }
}
