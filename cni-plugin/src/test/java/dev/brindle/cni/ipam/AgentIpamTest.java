package dev.brindle.cni.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.cni.config.NetConf;
import dev.brindle.cni.json.JsonReader;
import dev.brindle.cni.json.JsonWriter;
import dev.brindle.cni.spec.CniEnv;
import dev.brindle.cni.spec.CniError;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client side of docs/agent-socket.md against a scripted server on a real unix socket. */
class AgentIpamTest {
    @TempDir
    Path dir;

    private final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();
    private ServerSocketChannel server;
    private Thread loop;

    private Path serve(Function<Map<String, Object>, String> answer) throws IOException {
        Path sock = dir.resolve("agent.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        loop = Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer buf = ByteBuffer.allocate(65536);
                    StringBuilder line = new StringBuilder();
                    while (line.indexOf("\n") < 0 && c.read(buf) > 0) {
                        line.append(StandardCharsets.UTF_8.decode(buf.flip()));
                        buf.clear();
                    }
                    Map<String, Object> req =
                            JsonReader.parseObject(line.toString().strip());
                    requests.add(req);
                    c.write(ByteBuffer.wrap((answer.apply(req) + "\n").getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return sock;
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static NetConf conf(Path sock, String extra) {
        return NetConf.parse("{\"cniVersion\":\"1.1.0\",\"name\":\"k8s-pod-network\",\"type\":\"brindle\",\"nodename\":"
                + "\"node1\",\"agent_socket\":\"" + sock + "\",\"ipam\":{\"type\":\"brindle-ipam\"}" + extra + "}");
    }

    private static CniEnv env(String command) {
        return CniEnv.from(Map.of(
                "CNI_COMMAND",
                command,
                "CNI_CONTAINERID",
                "abc123",
                "CNI_NETNS",
                "/run/netns/x",
                "CNI_IFNAME",
                "eth0",
                "CNI_ARGS",
                "K8S_POD_NAMESPACE=ns1;K8S_POD_NAME=web"));
    }

    @Test
    void assignSendsTheDocumentedFieldsAndKeepsTheBlockPrefix() throws IOException {
        Path sock =
                serve(req -> "{\"ok\":true,\"ips\":[{\"address\":\"10.244.1.5/26\",\"version\":\"4\"}],\"mtu\":1430}");
        Ipam.Lease lease = new AgentIpam().add(conf(sock, ""), env("ADD"));
        assertThat(lease.mtu()).isEqualTo(1430);
        assertThat(lease.result().ips())
                .singleElement()
                .satisfies(ip -> assertThat(ip.address().toString()).isEqualTo("10.244.1.5/26"));
        assertThat(JsonWriter.write(requests.getFirst()))
                .isEqualTo("{\"op\":\"assign\",\"handle\":\"k8s-pod-network.abc123\",\"node\":\"node1\","
                        + "\"containerId\":\"abc123\",\"ifname\":\"eth0\",\"namespace\":\"ns1\",\"pod\":\"web\","
                        + "\"ipv4\":1,\"ipv6\":0}");
    }

    @Test
    void requestedIpsComeFromRuntimeConfigWhateverTheCaseOrFromArgs() throws IOException {
        Path sock = serve(req -> "{\"ok\":true,\"ips\":[{\"address\":\"10.244.1.9/26\",\"version\":\"4\"}]}");
        new AgentIpam().add(conf(sock, ",\"runtimeConfig\":{\"IPs\":[\"10.244.1.9/26\"]}"), env("ADD"));
        new AgentIpam()
                .add(
                        conf(
                                sock,
                                ",\"runtimeConfig\":{\"ips\":[\"10.244.1.9\"]},\"args\":{\"cni\":{\"ips\":[\"10.244.1.10\"]}}"),
                        env("ADD"));
        new AgentIpam().add(conf(sock, ""), env("ADD"));
        assertThat(requests)
                .extracting(r -> r.get("ips"))
                .containsExactly(List.of("10.244.1.9"), List.of("10.244.1.10"), null);
    }

    @Test
    void releaseGcAndStatus() throws IOException {
        Path sock = serve(req -> switch ((String) req.get("op")) {
            case "status" -> "{\"ok\":true,\"ready\":false,\"reason\":\"datastore not in sync\"}";
            default -> "{\"ok\":true,\"released\":[]}";
        });
        var ipam = new AgentIpam();
        ipam.del(conf(sock, ""), env("DEL"));
        ipam.gc(
                conf(
                        sock,
                        ",\"cni.dev/valid-attachments\":[{\"containerID\":\"keep1\",\"ifname\":\"eth0\"}],"
                                + "\"cni.dev/attachments\":[{\"containerID\":\"keep2\",\"ifname\":\"eth0\"}]"),
                env("GC"));
        assertThatThrownBy(() -> ipam.status(conf(sock, ""), env("STATUS")))
                .isInstanceOfSatisfying(
                        CniError.class, e -> assertThat(e.code()).isEqualTo(50))
                .hasMessageContaining("datastore not in sync");
        assertThat(requests.get(0)).containsEntry("op", "release").containsEntry("handle", "k8s-pod-network.abc123");
        assertThat(requests.get(1))
                .containsEntry("op", "gc")
                .containsEntry("network", "k8s-pod-network")
                .containsEntry("validHandles", List.of("k8s-pod-network.keep1", "k8s-pod-network.keep2"));
    }

    @Test
    void theAgentsErrorCodeIsKeptAndANoAgentIsTryAgainLater() throws IOException {
        Path sock = serve(req -> "{\"ok\":false,\"code\":100,\"msg\":\"no IP pool selects node node1\"}");
        assertThatThrownBy(() -> new AgentIpam().add(conf(sock, ""), env("ADD")))
                .isInstanceOfSatisfying(
                        CniError.class, e -> assertThat(e.code()).isEqualTo(100))
                .hasMessageContaining("no IP pool selects node node1");
        Path none = dir.resolve("absent.sock");
        assertThatThrownBy(() -> new AgentIpam().add(conf(none, ""), env("ADD")))
                .isInstanceOfSatisfying(
                        CniError.class, e -> assertThat(e.code()).isEqualTo(11))
                .hasMessageContaining(none.toString());
    }

    @Test
    void checkComparesPrevResultWithWhatTheHandleHolds() throws IOException {
        Path sock = serve(req -> "{\"ok\":true,\"ips\":[{\"address\":\"10.244.1.5/26\",\"version\":\"4\"}]}");
        String prev = ",\"prevResult\":{\"cniVersion\":\"1.1.0\",\"ips\":[{\"address\":\"10.244.1.6/32\"}]}";
        assertThatThrownBy(() -> new AgentIpam().check(conf(sock, prev), env("CHECK")))
                .hasMessageContaining("10.244.1.6/32 of prevResult is no longer held");
        new AgentIpam().check(conf(sock, prev.replace("1.6/32", "1.5/32")), env("CHECK"));
    }
}
