package dev.brindle.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brindle.ipam.IpamException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's unix stream socket ({@code docs/agent-socket.md}): one JSON object and a newline in, one JSON object
 * and a newline out, then close. Requests over 1 MiB are refused. The socket is bound under a temporary name,
 * restricted to mode 0600 and then renamed into place, so no client ever sees it with wider permissions.
 */
public final class AgentSocketServer implements AutoCloseable {
    static final int MAX_REQUEST = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(AgentSocketServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final Function<JsonNode, ObjectNode> handler;
    private final ServerSocketChannel server;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread acceptor;

    private AgentSocketServer(Path path, Function<JsonNode, ObjectNode> handler, ServerSocketChannel server) {
        this.path = path;
        this.handler = handler;
        this.server = server;
        this.acceptor = Thread.ofPlatform().name("agent-socket").daemon().unstarted(this::acceptLoop);
    }

    /** Binds {@code path} (replacing a stale socket left by a killed agent) and starts serving. */
    public static AgentSocketServer start(Path path, Function<JsonNode, ObjectNode> handler) throws IOException {
        Files.createDirectories(path.getParent());
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(tmp), 512);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(tmp);
            throw e;
        }
        AgentSocketServer s = new AgentSocketServer(path, handler, server);
        s.acceptor.start();
        log.info("serving IPAM on {}", path);
        return s;
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                workers.execute(() -> serve(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.warn("accept on {} failed: {}", path, e.toString());
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            ObjectNode answer;
            byte[] line = readLine(client);
            if (line == null) {
                answer = IpamService.error(
                        IpamException.INVALID_REQUEST, "request larger than " + MAX_REQUEST + " bytes refused");
            } else {
                answer = answer(line);
            }
            byte[] out = (JSON.writeValueAsString(answer) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(out);
            while (buf.hasRemaining()) {
                client.write(buf);
            }
        } catch (IOException e) {
            log.debug("client on {} went away: {}", path, e.toString());
        }
    }

    private ObjectNode answer(byte[] line) {
        JsonNode request;
        try {
            request = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return IpamService.error(IpamException.INVALID_REQUEST, "request is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return IpamService.error(IpamException.INVALID_REQUEST, "request unreadable: " + e.getMessage());
        }
        if (request == null || !request.isObject()) {
            return IpamService.error(IpamException.INVALID_REQUEST, "request must be one JSON object");
        }
        return handler.apply(request);
    }

    /**
     * Reads up to the first newline (or end of stream); null when the request exceeds the limit. An oversized request
     * is still read to its end, so the client sees the refusal instead of a broken pipe.
     */
    private static byte[] readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream acc = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        boolean tooBig = false;
        while (client.read(buf) >= 0) {
            buf.flip();
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b == '\n') {
                    return tooBig ? null : acc.toByteArray();
                }
                if (acc.size() >= MAX_REQUEST) {
                    tooBig = true;
                } else {
                    acc.write(b);
                }
            }
            buf.clear();
        }
        return tooBig ? null : acc.toByteArray();
    }

    /** Stops accepting, lets requests in flight finish briefly, and removes the socket file. */
    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdown();
        try {
            workers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(path);
        log.info("closed {}", path);
    }
}
