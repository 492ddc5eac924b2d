package dev.brindle.bgp.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short commands (ip, birdc, vtysh, gobgp, kill) and returns their output; fails loudly on error. */
final class Shell {
    private Shell() {}

    static String run(String... cmd) {
        Result r = tryRun(cmd);
        if (r.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + r.exitCode + ": " + r.output);
        }
        return r.output;
    }

    record Result(int exitCode, String output) {}

    static Result tryRun(String... cmd) {
        try {
            Process p =
                    new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 30 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void signal(long pid, String signal) {
        run("kill", "-" + signal, Long.toString(pid));
    }
}
