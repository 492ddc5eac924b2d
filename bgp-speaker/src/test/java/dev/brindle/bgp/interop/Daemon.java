package dev.brindle.bgp.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A background process started inside a namespace ({@code ip netns exec} execs, so the PID is the daemon's own),
 * with its output in a file, stopped by PID.
 */
final class Daemon implements AutoCloseable {
    private final Process process;
    private final String name;

    private Daemon(Process process, String name) {
        this.process = process;
        this.name = name;
    }

    static Daemon start(String ns, Path log, String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        try {
            Process p = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Daemon(p, cmd[0]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", full), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        Shell.tryRun("kill", "-CONT", Long.toString(process.pid()));
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(3, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name + "[" + process.pid() + "]";
    }
}
