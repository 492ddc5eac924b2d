package dev.brindle.bench.bgp;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-hop propagation, announce (and withdraw) at the origin → route in a BIRD 2 peer's kernel, with brindle-bgp
 * and with BIRD 2 as the origin in the same run (bgp-facts.md §3b). brindle is told through its stdin
 * ({@code announce P} / {@code withdraw P}); BIRD the way Calico drives it: a rewritten static-routes file and
 * {@code birdc configure}, whose own cost (~8 ms) is part of BIRD's figure as in the anchor. The end time is the
 * receiver's rtnetlink event ({@code ip -ts monitor route}). Needs root and bird2.
 *
 * <pre>java -cp bench/target/classes dev.brindle.bench.bgp.BgpPropagationBench [--reps 20]</pre>
 */
public final class BgpPropagationBench {
    private BgpPropagationBench() {}

    /** How the origin is told to announce or withdraw prefix number {@code i}. */
    interface Origin extends AutoCloseable {
        void announce(int i) throws Exception;

        void withdraw(int i) throws Exception;

        @Override
        void close() throws Exception;
    }

    static String prefix(int i) {
        return "10.244." + (50 + i) + ".0/26";
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 1 && args[0].equals("--reps") ? Integer.parseInt(args[1]) : 20;
        Path jar = Path.of("bgp-speaker/target/brindle-bgp.jar").toAbsolutePath();
        for (String origin : List.of("bird2", "brindle")) {
            List<Double> add = new ArrayList<>();
            List<Double> del = new ArrayList<>();
            measure(origin, jar, reps, add, del);
            System.out.printf(
                    Locale.ROOT,
                    "{\"origin\":\"%s\",\"reps\":%d,\"announce_p50_ms\":%.2f,"
                            + "\"withdraw_p50_ms\":%.2f,\"announce_max_ms\":%.2f}%n",
                    origin,
                    reps,
                    median(add),
                    median(del),
                    add.stream().mapToDouble(d -> d).max().orElse(0));
        }
    }

    private static void measure(String originName, Path jar, int reps, List<Double> add, List<Double> del)
            throws Exception {
        Path dir = Files.createTempDirectory("bgpprop");
        try (BenchNamespaces ns = new BenchNamespaces();
                Receiver receiver = new Receiver.Bird2(ns.receiver, dir, false);
                Origin origin = originName.equals("bird2") ? birdOrigin(ns, dir) : brindleOrigin(ns, jar, dir);
                RouteMonitor monitor = new RouteMonitor(ns.receiver)) {
            awaitEstablished(receiver);
            for (int i = 0; i < reps; i++) {
                LocalDateTime t0 = LocalDateTime.now();
                origin.announce(i);
                add.add(ms(t0, monitor.await(prefix(i) + " via")));
                t0 = LocalDateTime.now();
                origin.withdraw(i);
                del.add(ms(t0, monitor.await("Deleted " + prefix(i))));
            }
        } finally {
            BenchNamespaces.deleteTree(dir);
        }
    }

    private static void awaitEstablished(Receiver receiver) throws Exception {
        for (int i = 0; i < 400; i++) {
            if (((Receiver.Bird2) receiver).established()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("the BGP session did not come up in 20 s");
    }

    private static Origin brindleOrigin(BenchNamespaces ns, Path jar, Path dir) throws IOException {
        List<String> cmd = BenchNamespaces.javaIn(ns.injector);
        cmd.addAll(List.of(
                "-XX:+UseSerialGC",
                "-Xmx48m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--router-id",
                BenchNamespaces.INJECTOR_IP,
                "--peer",
                BenchNamespaces.RECEIVER_IP,
                "--connect-retry",
                "0.5"));
        Process p = new ProcessBuilder(cmd)
                .redirectError(dir.resolve("brindle.err").toFile())
                .redirectOutput(dir.resolve("brindle.out").toFile())
                .start();
        Writer in = p.outputWriter();
        return new Origin() {
            @Override
            public void announce(int i) throws IOException {
                in.write("announce " + prefix(i) + "\n");
                in.flush();
            }

            @Override
            public void withdraw(int i) throws IOException {
                in.write("withdraw " + prefix(i) + "\n");
                in.flush();
            }

            @Override
            public void close() throws InterruptedException {
                Receiver.stop(p);
            }
        };
    }

    private static Origin birdOrigin(BenchNamespaces ns, Path dir) throws IOException {
        Path origin = Files.createDirectories(dir.resolve("origin"));
        Path conf = origin.resolve("bird.conf");
        Path ctl = origin.resolve("bird.ctl");
        writeBirdOrigin(conf, "");
        Process p = new ProcessBuilder(
                        "ip", "netns", "exec", ns.injector, "bird", "-f", "-c", conf.toString(), "-s", ctl.toString())
                .redirectErrorStream(true)
                .redirectOutput(origin.resolve("bird.out").toFile())
                .start();
        return new Origin() {
            @Override
            public void announce(int i) throws Exception {
                reconfigure("route " + prefix(i) + " blackhole;");
            }

            @Override
            public void withdraw(int i) throws Exception {
                reconfigure("");
            }

            /** Calico's way: rewrite the config, then {@code birdc configure}. */
            private void reconfigure(String routes) throws Exception {
                writeBirdOrigin(conf, routes);
                BenchNamespaces.run("ip", "netns", "exec", ns.injector, "birdc", "-s", ctl.toString(), "configure");
            }

            @Override
            public void close() throws InterruptedException {
                Receiver.stop(p);
            }
        };
    }

    private static void writeBirdOrigin(Path conf, String staticRoutes) throws IOException {
        Files.writeString(conf, """
                router id %1$s;
                protocol device { scan time 10; }
                protocol direct { ipv4; interface "ul0"; }
                protocol static { ipv4; %3$s }
                protocol bgp rcv {
                  local %1$s as 64512; neighbor %2$s as 64512;
                  ipv4 { import all; export where source = RTS_STATIC; };
                  connect delay time 0; connect retry time 1;
                }
                """.formatted(BenchNamespaces.INJECTOR_IP, BenchNamespaces.RECEIVER_IP, staticRoutes));
    }

    private static double ms(LocalDateTime from, LocalDateTime to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
