package dev.brindle.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A real brindle-node process started from the shaded jar, and a client for its socket. */
final class AgentProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "brindle-node.jar").toAbsolutePath();

    final String node;
    final Path socket;
    final Process process;

    private AgentProcess(String node, Path socket, Process process) {
        this.node = node;
        this.socket = socket;
        this.process = process;
    }

    static AgentProcess start(String node, String datastore, Path dir, String... extra) throws IOException {
        Path runDir = dir.resolve(node + "-run");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString(),
                "--node-name",
                node,
                "--ip",
                "127.0.0.1/8",
                "--datastore",
                datastore,
                "--run-dir",
                runDir.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(node + ".log").toFile())
                .start();
        return new AgentProcess(node, runDir.resolve("agent.sock"), p);
    }

    void awaitSocket(Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!Files.exists(socket)) {
            if (!process.isAlive() || Instant.now().isAfter(end)) {
                throw new IllegalStateException("agent " + node + " did not open " + socket);
            }
            Thread.sleep(50);
        }
    }

    String call(String requestLine) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(ch);
            out.write((requestLine + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = Channels.newInputStream(ch);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** SIGTERM, then SIGKILL if it does not stop; returns the exit code. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
