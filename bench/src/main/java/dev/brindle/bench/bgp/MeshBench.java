package dev.brindle.bench.bgp;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Full-mesh convergence (bgp-facts.md §3c method): N namespaces on one bridge, 198.18.0.0/16, each running one
 * speaker that originates one /26 and peers with every other node over iBGP, unidirectionally as Calico does (the
 * side whose address string is greater connects). Permanent neighbour entries are installed first (trap 6: an ARP
 * storm otherwise turns 1.5 s into 40 s). t0 = first launch; converged = the last node holding the other N−1 /26s
 * (BIRD: in its kernel; brindle: as best-route events on its stdout). One process per node for both: BIRD 2 with
 * Calico's settings, brindle-bgp as one JVM each.
 *
 * <pre>java -cp bench/target/classes dev.brindle.bench.bgp.MeshBench [--nodes 40] [--impl bird2,brindle]</pre>
 */
public final class MeshBench {
    private static final Pattern ADD = Pattern.compile("\"event\":\"add\"");
    private final int nodes;
    private final String prefix;
    private final Path dir;

    private MeshBench(int nodes) throws IOException {
        this.nodes = nodes;
        byte[] r = new byte[2];
        ThreadLocalRandom.current().nextBytes(r);
        this.prefix = "bgpmesh-" + HexFormat.of().formatHex(r) + "-";
        this.dir = Files.createTempDirectory("bgpmesh");
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 1 && args[0].equals("--nodes") ? Integer.parseInt(args[1]) : 40;
        String impls = args.length > 3 && args[2].equals("--impl") ? args[3] : "bird2,brindle";
        for (String impl : impls.split(",")) {
            MeshBench bench = new MeshBench(n);
            try {
                bench.up();
                double seconds = impl.equals("bird2") ? bench.runBird() : bench.runBrindle();
                System.out.printf(
                        Locale.ROOT,
                        "{\"impl\":\"%s\",\"nodes\":%d,\"converged_s\":%.2f,\"rss_mib\":%d}%n",
                        impl,
                        n,
                        seconds,
                        bench.rssMib);
            } finally {
                bench.down();
            }
        }
    }

    private final List<Process> processes = new ArrayList<>();
    private long rssMib;

    String ns(int i) {
        return prefix + "n" + i;
    }

    static String ip(int i) {
        return "198.18.0." + (1 + i);
    }

    static String block(int i) {
        return "10.64." + (i / 4) + "." + (64 * (i % 4)) + "/26";
    }

    private void up() throws Exception {
        String hub = prefix + "hub";
        BenchNamespaces.run("ip", "netns", "add", hub);
        BenchNamespaces.run("ip", "-n", hub, "link", "add", "br0", "type", "bridge");
        BenchNamespaces.run("ip", "-n", hub, "link", "set", "br0", "up");
        List<String> macs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            BenchNamespaces.run("ip", "netns", "add", ns(i));
            BenchNamespaces.run(
                    "ip", "-n", hub, "link", "add", "h" + i, "type", "veth", "peer", "name", "ul0", "netns", ns(i));
            BenchNamespaces.run("ip", "-n", hub, "link", "set", "h" + i, "master", "br0", "up");
            BenchNamespaces.run("ip", "-n", ns(i), "addr", "add", ip(i) + "/16", "dev", "ul0");
            BenchNamespaces.run("ip", "-n", ns(i), "link", "set", "ul0", "up");
            BenchNamespaces.run("ip", "-n", ns(i), "link", "set", "lo", "up");
            String link = BenchNamespaces.run("ip", "-n", ns(i), "-o", "link", "show", "ul0");
            Matcher m = Pattern.compile("link/ether (\\S+)").matcher(link);
            macs.add(m.find() ? m.group(1) : "");
        }
        for (int i = 0; i < nodes; i++) {
            StringBuilder batch = new StringBuilder();
            for (int j = 0; j < nodes; j++) {
                if (j != i) {
                    batch.append("neigh replace ")
                            .append(ip(j))
                            .append(" lladdr ")
                            .append(macs.get(j))
                            .append(" dev ul0 nud permanent\n");
                }
            }
            Path f = dir.resolve("neigh" + i);
            Files.writeString(f, batch);
            BenchNamespaces.run("ip", "-n", ns(i), "-batch", f.toString());
        }
    }

    /** Calico's rule: passive towards peers whose address string is greater than ours. */
    boolean passive(int self, int peer) {
        return ip(peer).compareTo(ip(self)) > 0;
    }

    private double runBird() throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < nodes; i++) {
            Path conf = dir.resolve("bird" + i + ".conf");
            Files.writeString(conf, birdConfig(i));
            processes.add(new ProcessBuilder(
                            "ip",
                            "netns",
                            "exec",
                            ns(i),
                            "bird",
                            "-f",
                            "-c",
                            conf.toString(),
                            "-s",
                            dir.resolve("bird" + i + ".ctl").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("bird" + i + ".out").toFile())
                    .start());
        }
        boolean[] done = new boolean[nodes];
        int remaining = nodes;
        while (remaining > 0) {
            if (System.nanoTime() - t0 > 120_000_000_000L) {
                throw new IOException("BIRD mesh did not converge in 120 s");
            }
            for (int i = 0; i < nodes; i++) {
                if (!done[i] && kernelBlocks(i) >= nodes - 1) {
                    done[i] = true;
                    remaining--;
                }
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        rssMib = totalRssMib();
        return seconds;
    }

    private long kernelBlocks(int i) throws Exception {
        return BenchNamespaces.run("ip", "-n", ns(i), "-4", "route", "show", "proto", "bird")
                .lines()
                .filter(l -> l.startsWith("10.64."))
                .count();
    }

    private String birdConfig(int i) {
        StringBuilder b = new StringBuilder();
        b.append("router id ").append(ip(i)).append(";\n");
        b.append("protocol device { scan time 2; }\nprotocol direct { ipv4; interface \"ul0\"; }\n");
        b.append("protocol kernel { learn; scan time 2; graceful restart; merge paths on;\n");
        b.append("  ipv4 { import all; export filter { if source = RTS_DEVICE then reject; accept; }; }; }\n");
        b.append("protocol static { ipv4; route ").append(block(i)).append(" blackhole; }\n");
        b.append("template bgp mesh { local ").append(ip(i)).append(" as 64512; multihop;\n");
        b.append("  ipv4 { gateway recursive; import all;");
        b.append(" export filter { if net ~ 10.64.0.0/10 then accept; reject; }; add paths on; };\n");
        b.append("  graceful restart; connect delay time 1; connect retry time 3; error wait time 5,60; }\n");
        for (int j = 0; j < nodes; j++) {
            if (j != i) {
                b.append("protocol bgp m")
                        .append(j)
                        .append(" from mesh { neighbor ")
                        .append(ip(j))
                        .append(" as 64512;")
                        .append(passive(i, j) ? " passive on;" : "")
                        .append(" }\n");
            }
        }
        return b.toString();
    }

    /**
     * The JVM command for node {@code i}. With an AppCDS archive ({@code -XX:SharedArchiveFile}, made once by
     * {@link #prepareArchive}) class loading and verification are shared work done ahead of time: on 2 vCPUs the
     * start of 40 JVMs at once is what dominates convergence, not BGP.
     */
    private List<String> jvm(int i, Path jar) {
        List<String> cmd = BenchNamespaces.javaIn(ns(i));
        cmd.addAll(List.of(
                "-XX:+UseSerialGC",
                "-Xmx48m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + dir.resolve("brindle-bgp.jsa"),
                "-jar",
                jar.toString(),
                "--router-id",
                ip(i),
                "--announce",
                block(i)));
        return cmd;
    }

    /** One speaker run to its end before the measurement, which writes the AppCDS archive. */
    private void prepareArchive(Path jar) throws Exception {
        List<String> cmd = jvm(0, jar);
        cmd.addAll(List.of("--no-listen", "--peer", "198.18.255.254"));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("archive.out").toFile())
                .start();
        Thread.sleep(1500);
        p.outputWriter().write("stop\n");
        p.outputWriter().flush();
        p.waitFor();
    }

    private double runBrindle() throws Exception {
        Path jar = Path.of("bgp-speaker/target/brindle-bgp.jar").toAbsolutePath();
        prepareArchive(jar);
        AtomicIntegerArray adds = new AtomicIntegerArray(nodes);
        long t0 = System.nanoTime();
        for (int i = 0; i < nodes; i++) {
            List<String> cmd = jvm(i, jar);
            cmd.addAll(List.of("--connect-retry", "1"));
            for (int j = 0; j < nodes; j++) {
                if (j != i) {
                    cmd.addAll(List.of("--peer", ip(j) + ",mesh"));
                }
            }
            Process p = new ProcessBuilder(cmd)
                    .redirectError(dir.resolve("brindle" + i + ".err").toFile())
                    .start();
            processes.add(p);
            int node = i;
            Thread.ofPlatform().daemon().start(() -> countAdds(p.inputReader(), adds, node));
        }
        while (true) {
            if (System.nanoTime() - t0 > 120_000_000_000L) {
                throw new IOException("brindle mesh did not converge in 120 s");
            }
            boolean all = true;
            for (int i = 0; i < nodes && all; i++) {
                all = adds.get(i) >= nodes - 1;
            }
            if (all) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                rssMib = totalRssMib();
                return seconds;
            }
            Thread.sleep(20);
        }
    }

    private static void countAdds(BufferedReader out, AtomicIntegerArray adds, int node) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (ADD.matcher(line).find()) {
                    adds.incrementAndGet(node);
                }
            }
        } catch (IOException e) {
            // process ended
        }
    }

    private long totalRssMib() throws IOException {
        long kib = 0;
        for (Process p : processes) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    kib += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        }
        return kib / 1024;
    }

    private void down() throws Exception {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            Receiver.stop(p);
        }
        processes.clear();
        for (int i = 0; i < nodes; i++) {
            new ProcessBuilder("ip", "netns", "del", ns(i)).start().waitFor();
        }
        new ProcessBuilder("ip", "netns", "del", prefix + "hub").start().waitFor();
        BenchNamespaces.deleteTree(dir);
    }
}
