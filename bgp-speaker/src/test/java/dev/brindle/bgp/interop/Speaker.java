package dev.brindle.bgp.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Our speaker as the contract ships it: {@code target/brindle-bgp.jar} run inside a namespace, its stdout JSON
 * lines collected, runtime commands written to its stdin.
 */
final class Speaker implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Writer stdin;

    private Speaker(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().start(this::collect);
    }

    static Path jar() {
        Path jar = Path.of("target", "brindle-bgp.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the package phase first (failsafe does)");
        }
        return jar;
    }

    static Speaker start(String ns, Path stderrLog, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                "ip",
                "netns",
                "exec",
                ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar().toString()));
        cmd.addAll(List.of(args));
        try {
            Process p =
                    new ProcessBuilder(cmd).redirectError(stderrLog.toFile()).start();
            return new Speaker(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd, e);
        }
    }

    private void collect() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // process ended
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    long count(Predicate<String> p) {
        return lines.stream().filter(p).count();
    }

    void command(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    long pid() {
        return process.pid();
    }

    /** Ends the process: {@code restart} (no NOTIFICATION) or {@code stop} (Cease), then waits for the exit. */
    void exit(String how) throws IOException, InterruptedException {
        command(how);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static String add(String prefix, String nextHop) {
        return "{\"event\":\"add\",\"prefix\":\"" + prefix + "\",\"nexthop\":\"" + nextHop + "\"";
    }

    static String withdraw(String prefix) {
        return "{\"event\":\"withdraw\",\"prefix\":\"" + prefix + "\"";
    }

    /** A session line for {@code peer} in {@code state} ("Established", "Idle", …). */
    static Predicate<String> session(String peer, String state) {
        return l -> l.startsWith("{\"event\":\"session\",\"peer\":\"" + peer + "\"")
                && l.contains("\"state\":\"" + state + "\"");
    }

    static final Duration SHORT = Duration.ofSeconds(15);
}
