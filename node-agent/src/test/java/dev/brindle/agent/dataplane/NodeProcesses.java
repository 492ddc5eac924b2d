package dev.brindle.agent.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.lab.Underlay;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Runs the real {@code brindle-node} (the shaded jar) in a node namespace, and reads what it did. */
final class NodeProcesses {
    static final Path JAR = Path.of("target", "brindle-node.jar").toAbsolutePath();

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeProcesses() {}

    /**
     * A file datastore under {@code dir} holding pool {@code default} ({@link KernelLab#POOL}) with {@code spec}
     * applied to its defaults; returns its {@code --datastore} spec.
     */
    static String fileStore(Path dir, UnaryOperator<IPPool.Spec> spec) {
        String store = "file:" + dir.resolve("store");
        try (Datastore ds = Datastores.open(store, null)) {
            ds.create(IPPool.of("default", KernelLab.POOL.toString())
                    .withSpec(spec.apply(IPPool.Spec.defaults(KernelLab.POOL))));
        }
        return store;
    }

    /** Starts the agent of {@code n} with its run and state dirs and log under {@code dir}. */
    static Process start(Underlay.Node n, String store, Path dir) {
        String name = KernelLab.nodeName(n);
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        JAR.toString(),
                        "--node-name",
                        name,
                        "--ip",
                        n.address().toString(),
                        "--datastore",
                        store,
                        "--run-dir",
                        dir.resolve(name + "-run").toString(),
                        "--state-dir",
                        dir.resolve(name + "-state").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve(name + ".log").toFile()));
        return n.namespace().start(pb);
    }

    static Path socket(Path dir, String node) {
        return dir.resolve(node + "-run").resolve("agent.sock");
    }

    /** One request on the agent's socket (docs/agent-socket.md): a JSON line in, the JSON answer out. */
    static JsonNode request(Path socket, String json) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(ch);
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElseThrow(() -> new IOException("no answer on " + socket + " to " + json));
            return JSON.readTree(line);
        }
    }

    /** {@code ip route show proto 98} in the node, one route per line. */
    static List<String> routes(Underlay.Node n) {
        return n.namespace()
                .ok("ip", "route", "show", "proto", "98")
                .lines()
                .map(String::strip)
                .toList();
    }

    /** The body of the agent's {@code /readiness}: {@code ready}, or the reasons. */
    static String readiness(Underlay.Node n) {
        return n.namespace()
                .exec("curl", "-s", "http://127.0.0.1:9099/readiness")
                .out()
                .strip();
    }
}
