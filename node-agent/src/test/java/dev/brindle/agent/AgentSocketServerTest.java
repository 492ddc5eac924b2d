package dev.brindle.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSocketServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private AgentSocketServer server;
    private final AtomicBoolean ready = new AtomicBoolean(true);

    @BeforeEach
    void start() throws IOException {
        var service = InMemoryIpamService.create(
                Attachments.NONE,
                () -> new IpamService.AgentStatus(ready.get(), ready.get() ? "" : "datastore not in sync", 1440));
        server = AgentSocketServer.start(dir.resolve("agent.sock"), service::handle);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private JsonNode call(String line) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(dir.resolve("agent.sock")));
            OutputStream out = Channels.newOutputStream(ch);
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = Channels.newInputStream(ch);
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).endsWith("\n");
            return JSON.readTree(answer);
        }
    }

    @Test
    void socketIsOwnerOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("agent.sock"))))
                .isEqualTo("rw-------");
    }

    @Test
    void assignIsIdempotentPerHandleAndReleaseFreesIt() throws IOException {
        JsonNode a = call("{\"op\":\"assign\",\"handle\":\"k8s.c1\",\"node\":\"n1\",\"containerId\":\"c1\","
                + "\"ifname\":\"eth0\",\"namespace\":\"default\",\"pod\":\"p\"}");
        assertThat(a.path("ok").asBoolean()).isTrue();
        assertThat(a.path("ips")).hasSize(1);
        String address = a.path("ips").get(0).path("address").asText();
        assertThat(address).endsWith("/26");
        assertThat(a.path("ips").get(0).path("version").asText()).isEqualTo("4");
        assertThat(a.path("mtu").asInt()).isEqualTo(1440);

        JsonNode again = call("{\"op\":\"assign\",\"handle\":\"k8s.c1\",\"node\":\"n1\"}");
        assertThat(again.path("ips").get(0).path("address").asText()).isEqualTo(address);

        JsonNode check = call("{\"op\":\"check\",\"handle\":\"k8s.c1\"}");
        assertThat(check.path("ips").get(0).path("address").asText()).isEqualTo(address);

        JsonNode rel = call("{\"op\":\"release\",\"handle\":\"k8s.c1\"}");
        assertThat(rel.path("released").get(0).asText()).isEqualTo(address.substring(0, address.indexOf('/')));
        assertThat(call("{\"op\":\"release\",\"handle\":\"k8s.c1\"}").path("released"))
                .isEmpty();
        assertThat(call("{\"op\":\"check\",\"handle\":\"k8s.c1\"}").path("ips")).isEmpty();
    }

    @Test
    void gcReleasesHandlesOfTheNetworkNotListed() throws IOException {
        call("{\"op\":\"assign\",\"handle\":\"k8s.keep\"}");
        call("{\"op\":\"assign\",\"handle\":\"k8s.drop\"}");
        JsonNode gc = call("{\"op\":\"gc\",\"network\":\"k8s\",\"validHandles\":[\"k8s.keep\"]}");
        assertThat(gc.path("released")).hasSize(1);
        assertThat(call("{\"op\":\"check\",\"handle\":\"k8s.keep\"}").path("ips"))
                .hasSize(1);
    }

    @Test
    void errorsCarryTheCniCode() throws IOException {
        assertThat(call("not json").path("code").asInt()).isEqualTo(7);
        assertThat(call("{\"op\":\"assign\"}").path("msg").asText()).contains("\"handle\" is required");
        assertThat(call("{\"op\":\"frobnicate\"}").path("code").asInt()).isEqualTo(7);
        assertThat(call("{\"op\":\"assign\",\"handle\":\"k8s.x\",\"pools\":[\"10.99.0.0/16\"]}")
                        .path("msg")
                        .asText())
                .contains("not a configured IP pool");
        ready.set(false);
        JsonNode notReady = call("{\"op\":\"assign\",\"handle\":\"k8s.y\"}");
        assertThat(notReady.path("ok").asBoolean()).isFalse();
        assertThat(notReady.path("code").asInt()).isEqualTo(11);
        JsonNode status = call("{\"op\":\"status\"}");
        assertThat(status.path("ready").asBoolean()).isFalse();
        assertThat(status.path("reason").asText()).contains("not in sync");
        assertThat(status.path("node").asText()).isEqualTo("n1");
    }

    @Test
    void oversizedRequestIsRefused() throws IOException {
        String big = "{\"op\":\"status\",\"pad\":\"" + "x".repeat(AgentSocketServer.MAX_REQUEST + 10) + "\"}";
        JsonNode answer = call(big);
        assertThat(answer.path("ok").asBoolean()).isFalse();
        assertThat(answer.path("msg").asText()).contains("larger than");
    }

    @Test
    void closeRemovesTheSocket() throws IOException {
        server.close();
        assertThat(dir.resolve("agent.sock")).doesNotExist();
        server = AgentSocketServer.start(dir.resolve("agent.sock"), r -> IpamService.error(11, "x"));
    }
}
