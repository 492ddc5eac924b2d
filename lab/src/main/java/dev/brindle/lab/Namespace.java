package dev.brindle.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A named network namespace that a {@link NamespaceSet} created (under /run/netns). */
public record Namespace(String name, NamespaceSet owner) {

    /** The bind-mounted namespace file, what CNI_NETNS and setns(2) take. */
    public Path path() {
        return Path.of("/run/netns", name);
    }

    /** Runs a command inside this namespace ({@code ip netns exec}). */
    public Cmd.Result exec(String... argv) {
        return Cmd.run(inside(List.of(argv)));
    }

    /** Runs a command inside this namespace with {@code stdin}. */
    public Cmd.Result exec(List<String> argv, String stdin) {
        return Cmd.run(inside(argv), stdin);
    }

    /** Runs inside and throws unless it succeeded; returns stdout. */
    public String ok(String... argv) {
        return exec(argv).orThrow().out();
    }

    /**
     * Starts a long-running process inside this namespace; the set stops it (by PID, with its descendants) when it
     * closes.
     */
    public Process start(ProcessBuilder pb) {
        pb.command(inside(pb.command()));
        return owner.track(pb);
    }

    private List<String> inside(List<String> argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(argv);
        return full;
    }
}
