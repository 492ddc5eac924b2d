package dev.brindle.cni.ipam;

import dev.brindle.cni.json.JsonException;
import dev.brindle.cni.json.JsonReader;
import dev.brindle.cni.json.JsonWriter;
import dev.brindle.cni.spec.CniError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The client side of the node agent's socket (docs/agent-socket.md): connect, write one JSON object and a newline,
 * read one JSON object and a newline. Plain JDK unix-domain channels: no native library on the ADD path.
 */
public final class AgentClient implements AgentChannel {
    private static final int MAX_ANSWER = 1 << 20;
    private final Path socket;
    private final long timeoutMillis;

    public AgentClient(Path socket, long timeoutMillis) {
        this.socket = socket;
        this.timeoutMillis = timeoutMillis;
    }

    public Path socket() {
        return socket;
    }

    /**
     * Sends {@code request}; returns the answer when {@code ok} is true, else throws its CNI error. An agent that
     * cannot be reached is code 11, "try again later", naming the socket (the agent may be starting).
     */
    @Override
    public Map<String, Object> call(Map<String, Object> request) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new CniError(CniError.IO_FAILURE, "cannot create a unix socket", e);
        }
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> closeAfterTimeout(channel));
        try (channel) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new CniError(
                        CniError.TRY_AGAIN_LATER,
                        "the brindle node agent is not reachable at " + socket + " (" + e.getMessage()
                                + "): is brindle-node running on this node?");
            }
            byte[] line = (JsonWriter.write(request) + "\n").getBytes(StandardCharsets.UTF_8);
            channel.write(ByteBuffer.wrap(line));
            return answer(readLine(channel));
        } catch (IOException e) {
            throw new CniError(
                    CniError.TRY_AGAIN_LATER,
                    "the brindle node agent at " + socket + " did not answer " + request.get("op") + " within "
                            + timeoutMillis + " ms: " + e.getMessage());
        } finally {
            watchdog.interrupt();
        }
    }

    private void closeAfterTimeout(SocketChannel channel) {
        try {
            Thread.sleep(timeoutMillis);
            channel.close();
        } catch (InterruptedException | IOException e) {
            // interrupted: the call finished in time
        }
    }

    private String readLine(SocketChannel channel) throws IOException {
        var out = new ByteArrayOutputStream(512);
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (out.size() <= MAX_ANSWER) {
            buf.clear();
            int n = channel.read(buf);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = buf.get(i);
                if (b == '\n') {
                    return out.toString(StandardCharsets.UTF_8);
                }
                out.write(b);
            }
        }
        if (out.size() == 0) {
            throw new IOException("the agent closed the connection without an answer");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private Map<String, Object> answer(String text) {
        Map<String, Object> answer;
        try {
            answer = JsonReader.parseObject(text);
        } catch (JsonException e) {
            throw new CniError(
                    CniError.DECODE_FAILURE,
                    "the brindle node agent at " + socket + " answered with something that is not JSON: "
                            + e.getMessage());
        }
        return AgentChannel.accept(answer);
    }
}
