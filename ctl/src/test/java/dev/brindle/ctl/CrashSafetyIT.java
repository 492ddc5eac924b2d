package dev.brindle.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real brindle-node, SIGKILLed at random instants while clients keep it claiming blocks (blocks of 8 addresses,
 * each client holding 10) and allocating and releasing; GC runs every 100 ms with a 300 ms grace, so it is killed in
 * the middle of GC too. After every kill the store must open and parse; at the end one agent runs undisturbed and
 * {@code ipam check} must come to 0 problems within a few grace periods — whatever the kills left, GC repaired.
 * {@code -Dbrindle.crash.iterations=100} for the full count (default 25, to keep the suite short).
 */
class CrashSafetyIT {
    private static final Path AGENT_JAR =
            Path.of("..", "node-agent", "target", "brindle-node.jar").toAbsolutePath();
    private static final int ITERATIONS = Integer.getInteger("brindle.crash.iterations", 25);

    @TempDir
    Path dir;

    @Test
    void killedAgentsLeaveAStoreThatParsesAndGcRepairs() throws Exception {
        String store = "file:" + dir.resolve("store");
        try (Datastore ds = Datastores.open(store, null)) {
            ds.create(new IPPool(
                    Metadata.named("crash"),
                    new IPPool.Spec(
                            IpPrefix.parse("10.77.0.0/20"), 29, null, null, false, false, false, null, null, null)));
        }
        Random random = new Random(Long.getLong("brindle.crash.seed", System.nanoTime()));
        int dirtyAfterKill = 0;
        int answered = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Process agent = startAgent(store);
            try {
                awaitSocket(agent);
                answered += hammerThenKill(agent, 100 + random.nextInt(1400), i);
            } finally {
                agent.destroyForcibly();
                agent.waitFor();
            }
            int problems = parsesAndChecks(store);
            if (problems > 0) {
                dirtyAfterKill++;
                System.err.println("after kill " + i + ": " + problemLines());
            }
        }
        System.err.printf(
                "crash safety: %d SIGKILLs, %d answered requests, %d kills left problems for GC%n",
                ITERATIONS, answered, dirtyAfterKill);
        Process last = startAgent(store);
        try {
            awaitSocket(last);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> parsesAndChecks(store) == 0);
        } finally {
            last.destroy();
            last.waitFor();
        }
        assertThat(answered).isPositive();
    }

    private Process startAgent(String store) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        AGENT_JAR.toString(),
                        "--node-name",
                        "crash-node",
                        "--ip",
                        "127.0.0.1/8",
                        "--datastore",
                        store,
                        "--run-dir",
                        dir.resolve("run").toString(),
                        "--ipam-gc-interval",
                        "PT0.1S",
                        "--ipam-leak-grace",
                        "PT0.3S")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("agent.log").toFile()))
                .start();
    }

    private Path socket() {
        return dir.resolve("run").resolve("agent.sock");
    }

    private void awaitSocket(Process agent) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(agent.isAlive())
                            .as("agent exited; see " + dir.resolve("agent.log"))
                            .isTrue();
                    return call("{\"op\":\"status\"}").contains("\"ready\":true");
                });
    }

    /** Four clients assign and release through the socket; the agent is SIGKILLed after {@code millis}. */
    private int hammerThenKill(Process agent, int millis, int round) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            clients.add(Thread.ofVirtual().start(() -> {
                ArrayDeque<String> held = new ArrayDeque<>();
                for (int n = 0; !stop.get(); n++) {
                    String handle = "k8s.r" + round + "c" + client + "n" + n;
                    try {
                        if (call("{\"op\":\"assign\",\"handle\":\"" + handle + "\",\"containerId\":\"" + handle + "\"}")
                                .contains("\"ok\":true")) {
                            answered.incrementAndGet();
                            held.add(handle);
                        }
                        if (held.size() > 10) {
                            call("{\"op\":\"release\",\"handle\":\"" + held.poll() + "\"}");
                        }
                    } catch (IOException e) {
                        return; // the agent is gone
                    }
                }
            }));
        }
        Thread.sleep(millis);
        agent.destroyForcibly(); // SIGKILL
        agent.waitFor();
        stop.set(true);
        for (Thread t : clients) {
            t.join();
        }
        return answered.get();
    }

    private String problemLines() throws IOException {
        return Files.readAllLines(dir.resolve("last-check.txt")).stream()
                .filter(l -> (l.startsWith("Found ")
                                && !l.startsWith("Found 0 ")
                                && !l.contains("IPAM blocks")
                                && !l.contains("active IP pools")
                                && !l.contains("IPs.")
                                && !l.contains("with matches"))
                        || l.contains("leaked"))
                .toList()
                .toString();
    }

    /** Opens the store (every document must parse) and returns what ipam check counts. */
    private int parsesAndChecks(String store) throws IOException {
        try (Datastore ds = Datastores.open(store, null)) {
            for (Kind<?> k : Kind.all()) {
                ds.list(k);
            }
            StringWriter report = new StringWriter();
            int problems = new IpamChecker(ds, new PrintWriter(report), true).run();
            Files.writeString(dir.resolve("last-check.txt"), report.toString());
            return problems;
        }
    }

    private String call(String line) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket()));
            ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            StringBuilder sb = new StringBuilder();
            while (ch.read(buf) > 0) {
                buf.flip();
                sb.append(StandardCharsets.UTF_8.decode(buf));
                buf.clear();
            }
            if (!Files.exists(socket())) {
                throw new IOException("socket gone");
            }
            return sb.toString();
        }
    }
}
