package dev.brindle.bench.bgp;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Route ingestion, brindle-bgp against BIRD 2 in the same run (bgp-facts.md §3a method): an injector namespace
 * sends N /26s in pre-encoded UPDATEs right after Established; the receiver's RIB is polled every 20 ms until it
 * holds N. Time = first poll showing N minus Established (an upper bound with poll resolution). RSS growth =
 * VmRSS one second after completion minus VmRSS before the session. Needs root (namespaces) and bird2.
 *
 * <pre>
 * ./mvnw -q -pl bgp-speaker,bench -am package -DskipTests
 * java -cp bench/target/classes dev.brindle.bench.bgp.BgpIngestBench [--count 100000] [--reps 3] [--jvm "FLAGS"]
 * </pre>
 */
public final class BgpIngestBench {
    /** The flags bin/brindle-bgp runs with in a node, plus a heap cap sized for a few 100k routes. */
    static final String DEFAULT_JVM = "-XX:+UseSerialGC -Xmx64m";

    private BgpIngestBench() {}

    record Run(String receiver, int count, double seconds, long rssBeforeKib, long rssAfterKib) {
        double rate() {
            return count / seconds;
        }

        double mibPer100k() {
            return (rssAfterKib - rssBeforeKib) / 1024.0 * 100_000 / count;
        }
    }

    public static void main(String[] args) throws Exception {
        int count = intArg(args, "--count", 100_000);
        int reps = intArg(args, "--reps", 3);
        String jvm = stringArg(args, "--jvm", DEFAULT_JVM);
        Path jar = Path.of(stringArg(args, "--jar", "bgp-speaker/target/brindle-bgp.jar"))
                .toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException(jar + " is missing: ./mvnw -pl bgp-speaker -am package first");
        }
        List<Run> runs = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            for (String receiver :
                    List.of(stringArg(args, "--receivers", "bird2,brindle").split(","))) {
                Run r = once(receiver, count, jar, List.of(jvm.split(" ")));
                System.out.printf(
                        Locale.ROOT,
                        "{\"receiver\":\"%s\",\"count\":%d,\"seconds\":%.3f,\"rate\":%.0f,\"rss_before_kib\":%d,"
                                + "\"rss_after_kib\":%d,\"mib_per_100k\":%.1f}%n",
                        r.receiver(),
                        r.count(),
                        r.seconds(),
                        r.rate(),
                        r.rssBeforeKib(),
                        r.rssAfterKib(),
                        r.mibPer100k());
                runs.add(r);
            }
        }
        summary(runs, jvm);
    }

    private static Run once(String receiverName, int count, Path jar, List<String> jvm) throws Exception {
        Path dir = Files.createTempDirectory("bgpbench");
        try (BenchNamespaces ns = new BenchNamespaces();
                Receiver receiver = receiverName.equals("bird2")
                        ? new Receiver.Bird2(ns.receiver, dir)
                        : new Receiver.Brindle(ns.receiver, jar, dir, jvm)) {
            ns.awaitListener();
            Thread.sleep(500); // let the receiver settle before the baseline
            long before = receiver.rssKib();
            Process injector = new ProcessBuilder(
                            "ip",
                            "netns",
                            "exec",
                            ns.injector,
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            BlastInjector.class.getName(),
                            BenchNamespaces.RECEIVER_IP,
                            BenchNamespaces.INJECTOR_IP,
                            Integer.toString(count))
                    .redirectError(dir.resolve("injector.err").toFile())
                    .start();
            try {
                long established = establishedMicros(injector.inputReader());
                long done = awaitCount(receiver, count);
                Thread.sleep(1000);
                return new Run(receiverName, count, (done - established) / 1e6, before, receiver.rssKib());
            } finally {
                injector.getOutputStream().close();
                Receiver.stop(injector);
            }
        }
    }

    private static long establishedMicros(BufferedReader out) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("established ")) {
                return Long.parseLong(line.substring("established ".length()));
            }
        }
        throw new IOException("the injector ended before Established");
    }

    private static long awaitCount(Receiver r, int count) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (r.ribCount() >= count) {
                Instant t = Instant.now();
                return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
            }
            Thread.sleep(20);
        }
        throw new IOException(r.name() + " did not reach " + count + " routes in 120 s");
    }

    private static void summary(List<Run> runs, String jvm) {
        if (runs.stream().map(Run::receiver).distinct().count() < 2) {
            return;
        }
        Run bird = median(runs, "bird2");
        Run ours = median(runs, "brindle");
        System.err.printf(
                Locale.ROOT,
                "ingest %d /26: bird2 %.3f s (%.0f/s, %.1f MiB/100k) | brindle %.3f s (%.0f/s, %.1f MiB/100k,"
                        + " JVM %s)%nratio rate brindle/bird2 = %.2f, RSS growth brindle/bird2 = %.2f%n",
                bird.count(),
                bird.seconds(),
                bird.rate(),
                bird.mibPer100k(),
                ours.seconds(),
                ours.rate(),
                ours.mibPer100k(),
                jvm,
                ours.rate() / bird.rate(),
                ours.mibPer100k() / bird.mibPer100k());
    }

    /** The run with the median time for one receiver; its RSS figures come with it. */
    private static Run median(List<Run> runs, String receiver) {
        List<Run> mine = runs.stream()
                .filter(r -> r.receiver().equals(receiver))
                .sorted((a, b) -> Double.compare(a.seconds(), b.seconds()))
                .toList();
        return mine.get(mine.size() / 2);
    }

    private static int intArg(String[] args, String name, int def) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(def)));
    }

    private static String stringArg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
