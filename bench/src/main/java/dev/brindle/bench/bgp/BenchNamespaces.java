package dev.brindle.bench.bgp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two namespaces joined by a veth pair, injector 198.51.100.1 and receiver 198.51.100.2, named with a per-run
 * prefix and deleted on close. Nothing is created in the root namespace.
 */
final class BenchNamespaces implements AutoCloseable {
    static final String INJECTOR_IP = "198.51.100.1";
    static final String RECEIVER_IP = "198.51.100.2";

    final String injector;
    final String receiver;

    BenchNamespaces() throws IOException, InterruptedException {
        byte[] r = new byte[3];
        ThreadLocalRandom.current().nextBytes(r);
        String prefix = "bgpbench-" + HexFormat.of().formatHex(r) + "-";
        injector = prefix + "inj";
        receiver = prefix + "rcv";
        run("ip", "netns", "add", injector);
        run("ip", "netns", "add", receiver);
        run("ip", "-n", injector, "link", "add", "ul0", "type", "veth", "peer", "name", "ul0", "netns", receiver);
        run("ip", "-n", injector, "addr", "add", INJECTOR_IP + "/24", "dev", "ul0");
        run("ip", "-n", receiver, "addr", "add", RECEIVER_IP + "/24", "dev", "ul0");
        for (String ns : List.of(injector, receiver)) {
            run("ip", "-n", ns, "link", "set", "lo", "up");
            run("ip", "-n", ns, "link", "set", "ul0", "up");
        }
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /**
     * The start of a command line that runs this JDK's {@code java} inside {@code ns}, with the flags every brindle
     * JVM needs (Netty's native transport and its Unsafe use); callers append their JVM flags and main. Mutable.
     */
    static List<String> javaIn(String ns) {
        return new ArrayList<>(List.of(
                "ip",
                "netns",
                "exec",
                ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow"));
    }

    /** Waits until something listens on port 179 in the receiver namespace. */
    void awaitListener() throws IOException, InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (!run("ip", "netns", "exec", receiver, "ss", "-Hltn", "sport = :179")
                    .isBlank()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new IOException("nothing listens on port 179 in " + receiver);
    }

    /** Removes a bench's temp dir (configs, logs, control sockets) once its processes are gone. */
    static void deleteTree(java.nio.file.Path dir) throws IOException {
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p :
                    paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (String ns : List.of(injector, receiver)) {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor();
        }
    }
}
