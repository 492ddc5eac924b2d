package dev.brindle.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The network namespaces (and the processes inside them) of one test run, all named
 * {@code brt-<pid>-<purpose>-<name>} so that nothing outside the run is touched and a later run can tell what a
 * crashed one left behind.
 *
 * <p>Everything is removed on {@link #close()}, on JVM shutdown (a hook, for interrupts and failures that skip
 * close), and by the next run's {@link #sweepStale()} when the JVM that made them was killed outright.
 */
public final class NamespaceSet implements Namespaces, AutoCloseable {
    private static final Pattern RUN_NAME = Pattern.compile("brt-(\\d+)-.*");
    private static final Path NETNS_DIR = Path.of("/run/netns");

    private final String prefix;
    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private NamespaceSet(String prefix) {
        this.prefix = prefix;
        this.shutdownHook = new Thread(this::removeAll, "netns-cleanup-" + prefix);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * A new set for one test or lab purpose (a short word: letters and digits). Sweeps what dead runs left first.
     */
    public static NamespaceSet create(String purpose) {
        if (!purpose.matches("[a-z0-9]{1,12}")) {
            throw new IllegalArgumentException("purpose must be 1-12 lower-case letters or digits: " + purpose);
        }
        sweepStale();
        return new NamespaceSet("brt-" + ProcessHandle.current().pid() + "-" + purpose + "-");
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public synchronized Namespace add(String shortName) {
        if (closed) {
            throw new IllegalStateException("namespace set " + prefix + " is closed");
        }
        Namespace ns = Namespace.create(prefix + shortName, this);
        namespaces.add(ns);
        return ns;
    }

    /** The namespaces made so far, in creation order. */
    public synchronized List<Namespace> namespaces() {
        return List.copyOf(namespaces);
    }

    @Override
    public synchronized Process track(ProcessBuilder pb) {
        try {
            Process p = pb.start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + pb.command(), e);
        }
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or ran
        }
    }

    private synchronized void removeAll() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            stop(p.toHandle());
        }
        for (Namespace ns : namespaces.reversed()) {
            killInside(ns.name());
            Cmd.run("ip", "netns", "del", ns.name());
        }
    }

    /** Stops a process we started, and its descendants: TERM, a short grace, then KILL. */
    static void stop(ProcessHandle h) {
        List<ProcessHandle> all = new ArrayList<>(h.descendants().toList());
        all.add(h);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    /** Kills by PID whatever still runs inside a namespace of ours (daemons that double-forked away from us). */
    private static void killInside(String name) {
        Cmd.Result pids = Cmd.run("ip", "netns", "pids", name);
        if (!pids.ok()) {
            return;
        }
        pids.out()
                .lines()
                .map(String::strip)
                .filter(s -> s.matches("\\d+"))
                .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(NamespaceSet::stop));
    }

    /** Removes namespaces of earlier runs whose JVM is gone (killed before its hook could run). */
    public static void sweepStale() {
        if (!Files.isDirectory(NETNS_DIR)) {
            return;
        }
        try (Stream<Path> entries = Files.list(NETNS_DIR)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                Matcher m = RUN_NAME.matcher(name);
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    killInside(name);
                    Cmd.run("ip", "netns", "del", name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + NETNS_DIR, e);
        }
    }
}
