package dev.brindle.cni;

import dev.brindle.cni.spec.CniPlugin;
import dev.brindle.cni.spec.CniRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The process around one CNI invocation, shared by {@code brindle} and {@code brindle-ipam}. */
public final class Entry {
    private Entry() {}

    /** Reads stdin, runs the plugin, prints on the real stdout; returns the exit code. */
    public static int main(CniPlugin plugin) {
        PrintStream stdout = PluginLogging.protectStdout();
        String stdin;
        try {
            stdin = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            stdin = "";
        }
        int rc = run(plugin, System.getenv(), stdin, stdout);
        stdout.flush();
        return rc;
    }

    /** One invocation with its logging set up from the netconf; also what the AOT training calls. */
    public static int run(CniPlugin plugin, Map<String, String> env, String stdin, PrintStream stdout) {
        return new CniRunner(plugin, PluginLogging::configure).run(env, stdin, stdout, System.err);
    }
}
