package dev.brindle.bench.netlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The per-round timings of {@link RouteBench} and their markdown summary. */
final class BenchResult {
    private final int routes;
    private final int rounds;
    private final List<long[]> brindle = new ArrayList<>();
    private final List<long[]> ip = new ArrayList<>();

    BenchResult(int routes, int rounds) {
        this.routes = routes;
        this.rounds = rounds;
    }

    void add(long[] brindleAddDel, long[] ipAddDel) {
        brindle.add(brindleAddDel);
        ip.add(ipAddDel);
    }

    private static double medianMs(List<long[]> samples, int column) {
        double[] v = samples.stream()
                .mapToDouble(s -> column < 2 ? s[column] : s[0] + s[1])
                .sorted()
                .toArray();
        double mid = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return mid / 1e6;
    }

    /** The 1-minute load average: other work on a shared machine makes both sides slower. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    String markdown(String args) {
        var sb = new StringBuilder();
        sb.append("## Netlink: programming 10,000 routes (brindle vs `ip -batch`)\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "%,d routes `<10.x.y.0/24> via 10.0.0.2 dev up0 proto 98` added, then deleted, in a fresh namespace; "
                        + "median of %d rounds after one warm-up round, brindle and `ip -batch` alternating first.%n%n",
                routes,
                rounds));
        sb.append("| phase | brindle (ms) | `ip -batch` (ms) | brindle / ip |\n|---|---|---|---|\n");
        String[] names = {"add", "delete", "add + delete"};
        for (int c = 0; c < 3; c++) {
            double b = medianMs(brindle, c);
            double i = medianMs(ip, c);
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | **%.2f×** |%n", names[c], b, i, b / i));
        }
        sb.append(String.format(
                Locale.ROOT,
                "%nTarget: brindle ≤ 1.2× `ip -batch`. brindle sends up to %d requests "
                        + "per datagram and keeps that many unacknowledged (each still asks for its ACK, so failures are "
                        + "reported per route); `ip -batch` sends one request and waits for its answer each time. The `ip` "
                        + "figure includes starting the `ip` process (a few ms).%n%n",
                512));
        sb.append("Reproduce (as root, from the repository root):\n\n```\n"
                + "export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64\n"
                + "./mvnw -q -pl bench -am package -DskipTests dependency:build-classpath "
                + "-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime\n"
                + "$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp bench/target/classes:$(cat bench/target/classpath.txt) "
                + "dev.brindle.bench.netlink.RouteBench " + args + "\n```\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "Machine: %d cores, %s %s, Java %s; 1-minute load average at the end: %s (the machine is shared; "
                        + "both sides run under the same load, interleaved).%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.version"),
                loadAverage()));
        return sb.toString();
    }
}
