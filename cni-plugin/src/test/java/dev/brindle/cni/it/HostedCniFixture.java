package dev.brindle.cni.it;

import dev.brindle.cni.dataplane.SystemKernel;
import dev.brindle.cni.hosted.Capabilities;
import dev.brindle.cni.hosted.HostedCni;
import dev.brindle.cni.hosted.NetnsIdentity;
import dev.brindle.cni.json.JsonReader;
import dev.brindle.cni.json.JsonWriter;
import dev.brindle.cni.spec.CniError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The node agent's op {@code cni} without the rest of the agent, for the plugin's own ITs (the agent module builds
 * after this one): {@link HostedCni} with the real kernel behind a unix socket, in the agent socket's framing (one
 * JSON line each way). Run inside the test's node namespace; IPAM is host-local there, so brindle-ipam is refused.
 */
public final class HostedCniFixture {
    private HostedCniFixture() {}

    public static void main(String[] args) throws IOException {
        var hosted = new HostedCni(
                SystemKernel::new,
                request -> {
                    throw new CniError(CniError.TRY_AGAIN_LATER, "this test agent serves no IPAM");
                },
                () -> 0,
                NetnsIdentity.ofSelf(),
                Capabilities.canWirePods());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(Path.of(args[0])));
            while (true) {
                SocketChannel client = server.accept();
                Thread.ofVirtual().start(() -> serve(hosted, client));
            }
        }
    }

    private static void serve(HostedCni hosted, SocketChannel client) {
        try (client) {
            Map<String, Object> answer = hosted.answer(JsonReader.parseObject(readLine(client)));
            client.write(ByteBuffer.wrap((JsonWriter.write(answer) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            System.err.println("HostedCniFixture: " + e);
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        var line = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (client.read(buf) >= 0) {
            buf.flip();
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            buf.clear();
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
