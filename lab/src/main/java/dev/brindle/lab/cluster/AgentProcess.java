package dev.brindle.lab.cluster;

import dev.brindle.lab.Namespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One node's {@code brindle-node}, started inside the node's namespace in a session of its own (so it outlives
 * {@code lab up} and a closed terminal), its pid in a file, and stopped by that pid — after checking the pid still
 * belongs to this lab's agent, so a recycled pid is never killed.
 */
final class AgentProcess {
    /**
     * How long an agent may take to answer ready: 60 s, or {@code BRINDLE_LAB_READY_TIMEOUT} seconds on a slow machine
     * (a software-emulated guest kernel, where the IPIP walkthrough runs, starts a JVM ten times slower).
     */
    private static final Duration READY_TIMEOUT = readyTimeout(System.getenv("BRINDLE_LAB_READY_TIMEOUT"));

    private AgentProcess() {}

    static void start(Binaries bin, LabDirs dirs, Namespace ns, String node, String address) {
        Path dir = dirs.node(node);
        try {
            Files.createDirectories(dir.resolve("state"));
            var pb = new ProcessBuilder(List.of(
                            "setsid",
                            bin.bin("brindle-node").toString(),
                            "--node-name",
                            node,
                            "--datastore",
                            "file:" + dirs.store(),
                            "--ip",
                            address,
                            "--run-dir",
                            dir.toString(),
                            "--state-dir",
                            dir.resolve("state").toString()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(dirs.agentLog(node).toFile()))
                    .redirectErrorStream(true);
            Process p = ns.start(pb);
            // `ip netns exec` and `setsid` (not a group leader here) both exec, so this pid is the agent's own.
            Files.writeString(dirs.agentPid(node), Long.toString(p.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start brindle-node for " + node, e);
        }
    }

    static Duration readyTimeout(String configured) {
        if (configured == null || configured.isBlank()) {
            return Duration.ofSeconds(60);
        }
        try {
            return Duration.ofSeconds(Long.parseLong(configured.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "BRINDLE_LAB_READY_TIMEOUT must be a number of seconds, got '" + configured + "'");
        }
    }

    /** Waits until the agent answers ready on its socket; throws with the log's tail if it dies or takes too long. */
    static void awaitReady(LabDirs dirs, String node) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (AgentSocket.ready(dirs.agentSocket(node))) {
                return;
            }
            // Alive, not "ours": for its first moments the process is still the JVM's spawn helper or `ip netns
            // exec`, whose command line does not name the agent yet (a CI run once read that as an exit).
            if (!alive(dirs, node)) {
                throw new IllegalStateException(
                        "brindle-node on " + node + " exited; its log ends:\n" + tail(dirs, node));
            }
            sleep(200);
        }
        throw new IllegalStateException("brindle-node on " + node + " not ready after " + READY_TIMEOUT.toSeconds()
                + " s; its log ends:\n" + tail(dirs, node));
    }

    /** Whether the process this lab just started for {@code node} still runs (whatever it is exec'ing into). */
    private static boolean alive(LabDirs dirs, String node) {
        return pidFile(dirs, node).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The live agent process of {@code node}, if its pid file names one that is still this lab's agent. */
    static Optional<ProcessHandle> pid(LabDirs dirs, String node) {
        return pidFile(dirs, node).filter(h -> isOurAgent(h, dirs));
    }

    /** The live process the pid file of {@code node} names, whatever it is now. */
    private static Optional<ProcessHandle> pidFile(LabDirs dirs, String node) {
        try {
            return ProcessHandle.of(
                    Long.parseLong(Files.readString(dirs.agentPid(node)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isOurAgent(ProcessHandle h, LabDirs dirs) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
            return cmdline.contains("brindle-node")
                    && cmdline.contains(dirs.root().toString());
        } catch (IOException e) {
            return false;
        }
    }

    static void stop(LabDirs dirs, String node) {
        pid(dirs, node).ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }

    static String tail(LabDirs dirs, String node) {
        try {
            List<String> lines = Files.readAllLines(dirs.agentLog(node));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log at " + dirs.agentLog(node) + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
