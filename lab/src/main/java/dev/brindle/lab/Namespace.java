package dev.brindle.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A named network namespace that a {@link Namespaces} created (under /run/netns). */
public record Namespace(String name, Namespaces owner) {

    /** Creates the namespace with {@code ip netns add} and brings its loopback up. */
    static Namespace create(String name, Namespaces owner) {
        Cmd.run("ip", "netns", "add", name).orThrow();
        Namespace ns = new Namespace(name, owner);
        ns.exec("ip", "link", "set", "lo", "up").orThrow();
        return ns;
    }

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
     * Starts a long-running process inside this namespace; its owner stops it (by PID, with its descendants): a
     * test's set when it closes, a lab at {@code lab down}.
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
