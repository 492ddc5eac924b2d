package dev.brindle.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion and captures its output. The lab builds topologies with iproute2 through this;
 * product code never does.
 */
public final class Cmd {
    private static final long TIMEOUT_SECONDS = 120;

    private Cmd() {}

    /** The outcome of one command. */
    public record Result(List<String> argv, int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        /** Throws with the command, exit code and stderr unless the command succeeded. */
        public Result orThrow() {
            if (exit != 0) {
                throw new IllegalStateException(
                        "command failed (exit " + exit + "): " + String.join(" ", argv) + "\n" + err.strip());
            }
            return this;
        }
    }

    public static Result run(String... argv) {
        return run(List.of(argv), null);
    }

    public static Result run(List<String> argv) {
        return run(argv, null);
    }

    /** Runs {@code argv}, feeding {@code stdin} (may be null), and waits at most two minutes. */
    public static Result run(List<String> argv, String stdin) {
        try {
            Process p = new ProcessBuilder(argv).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            var out = drain(p.getInputStream());
            var err = drain(p.getErrorStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("command timed out after " + TIMEOUT_SECONDS + " s: " + argv);
            }
            out.join();
            err.join();
            return new Result(List.copyOf(argv), p.exitValue(), out.text(), err.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + argv, e);
        }
    }

    /** Runs and throws unless it succeeded; returns stdout. */
    public static String ok(String... argv) {
        return run(argv).orThrow().out();
    }

    private static Drain drain(InputStream in) {
        var d = new Drain(in);
        d.start();
        return d;
    }

    /** Reads a stream to its end on its own thread so a chatty command cannot block on a full pipe. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buf);
            } catch (IOException e) {
                // the process went away; what was read is kept
            }
        }

        String text() {
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}
