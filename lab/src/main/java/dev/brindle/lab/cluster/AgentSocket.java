package dev.brindle.lab.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One request to a node agent's socket (docs/agent-socket.md): a JSON line out, a JSON line back. The lab only
 * needs the raw answer; it is printed or matched, not modelled.
 */
public final class AgentSocket {
    private AgentSocket() {}

    /** The agent's answer, or empty when nothing listens there (yet). */
    public static Optional<String> request(Path socket, String jsonRequest) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap((jsonRequest + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            var out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) > 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return Optional.of(out.toString(StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * True when the agent's {@code nodeStatus} lists at least one BGP peer and every one is up (docs/agent-socket.md:
     * one compact JSON object, {@code "state":"up"} per Established peer).
     */
    public static boolean bgpEstablished(Path socket) {
        return request(socket, "{\"op\":\"nodeStatus\"}")
                .map(a -> a.replace(" ", ""))
                .map(a -> {
                    int peers = count(a, "\"address\":");
                    return peers > 0 && count(a, "\"state\":\"up\"") == peers;
                })
                .orElse(false);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** True when the agent answers {@code status} with {@code "ready": true}. */
    public static boolean ready(Path socket) {
        return request(socket, "{\"op\":\"status\"}")
                .map(a -> a.replace(" ", "").contains("\"ready\":true"))
                .orElse(false);
    }
}
