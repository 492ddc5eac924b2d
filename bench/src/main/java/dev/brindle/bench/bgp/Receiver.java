package dev.brindle.bench.bgp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A route receiver under test: started in the receiver namespace, asked for its RIB size, stopped by PID. */
sealed interface Receiver extends AutoCloseable permits Receiver.Bird2, Receiver.Brindle {
    String name();

    long pid();

    long ribCount() throws IOException, InterruptedException;

    @Override
    void close() throws InterruptedException;

    /** Resident set size of the receiver process in KiB (VmRSS). */
    default long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** BIRD 2 with Calico's kernel-protocol settings, passive towards the injector (as bench.py). */
    final class Bird2 implements Receiver {
        private static final Pattern COUNT = Pattern.compile("(\\d+) of (\\d+) routes");
        private final String ns;
        private final Path ctl;
        private final Process process;

        Bird2(String ns, Path dir) throws IOException {
            this(ns, dir, true);
        }

        /** {@code passive}: wait for the injector; otherwise connect to it as well. */
        Bird2(String ns, Path dir, boolean passive) throws IOException {
            this.ns = ns;
            this.ctl = dir.resolve("bird.ctl");
            Path conf = dir.resolve("bird.conf");
            Files.writeString(conf, """
                    router id %2$s;
                    protocol device { scan time 10; }
                    protocol direct { ipv4; interface "ul0"; }
                    protocol kernel {
                      learn; scan time 2; graceful restart; merge paths on;
                      ipv4 { import all; export filter { if source = RTS_DEVICE then reject; accept; }; };
                    }
                    protocol bgp inj {
                      local %2$s as 64512; neighbor %1$s as 64512; %3$s
                      ipv4 { import all; export none; gateway recursive; };
                      connect delay time 0; connect retry time 1;
                    }
                    """.formatted(
                            BenchNamespaces.INJECTOR_IP, BenchNamespaces.RECEIVER_IP, passive ? "passive on;" : ""));
            process = new ProcessBuilder(
                            "ip", "netns", "exec", ns, "bird", "-f", "-c", conf.toString(), "-s", ctl.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("bird.out").toFile())
                    .start();
        }

        @Override
        public String name() {
            return "bird2";
        }

        /** Whether the session is up; false also while BIRD's control socket is not there yet. */
        boolean established() throws InterruptedException {
            try {
                return BenchNamespaces.run(
                                "ip", "netns", "exec", ns, "birdc", "-s", ctl.toString(), "show", "protocols", "inj")
                        .contains("Established");
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public long ribCount() throws IOException, InterruptedException {
            String out = BenchNamespaces.run(
                    "ip",
                    "netns",
                    "exec",
                    ns,
                    "birdc",
                    "-s",
                    ctl.toString(),
                    "show",
                    "route",
                    "protocol",
                    "inj",
                    "count");
            Matcher m = COUNT.matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }

        @Override
        public void close() throws InterruptedException {
            stop(process);
        }
    }

    /** Our speaker from its shaded jar, route events off; the RIB size comes from its {@code count} command. */
    final class Brindle implements Receiver {
        private static final Pattern COUNT = Pattern.compile("\"locrib\":(\\d+)");
        private final Process process;
        private final java.io.BufferedReader stdout;
        private final java.io.Writer stdin;

        Brindle(String ns, Path jar, Path dir, List<String> jvmFlags) throws IOException {
            List<String> cmd = BenchNamespaces.javaIn(ns);
            cmd.addAll(jvmFlags);
            cmd.addAll(List.of(
                    "-jar",
                    jar.toString(),
                    "--router-id",
                    BenchNamespaces.RECEIVER_IP,
                    "--peer",
                    BenchNamespaces.INJECTOR_IP + ",passive",
                    "--graceful-restart",
                    "0",
                    "--no-route-events"));
            process = new ProcessBuilder(cmd)
                    .redirectError(dir.resolve("brindle.err").toFile())
                    .start();
            stdout = process.inputReader();
            stdin = process.outputWriter();
        }

        @Override
        public String name() {
            return "brindle";
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public long ribCount() throws IOException {
            stdin.write("count\n");
            stdin.flush();
            String line;
            while ((line = stdout.readLine()) != null) {
                Matcher m = COUNT.matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
            throw new IOException("brindle-bgp exited");
        }

        @Override
        public void close() throws InterruptedException {
            stop(process);
        }
    }
}
