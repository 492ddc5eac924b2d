package dev.brindle.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import dev.brindle.lab.Underlay;
import dev.brindle.lab.junit.Needs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@code brindle-node} processes (the shaded jar), one per node namespace, sharing a {@code file:}
 * datastore: each registers, allocates its VTEP, hands a pod an address over its socket, and programs the kernel;
 * pods reach each other in VXLAN, then — after a live switch of the pool — in no-encap mode over the BGP full mesh,
 * and keep reaching each other (no packet lost) while one agent is SIGKILLed and restarted.
 */
@Needs(
        root = true,
        commands = {"ip", "ping", "curl", "nft"})
class NodeAgentProcessIT {
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final Map<String, String> podIps = new LinkedHashMap<>();
    private final Map<String, Namespace> pods = new LinkedHashMap<>();

    private Process startAgent(Underlay.Node n, String store) {
        return NodeProcesses.start(n, store, dir);
    }

    private String assign(String node) throws Exception {
        Path socket = NodeProcesses.socket(dir, node);
        await().atMost(SETTLE).until(() -> Files.exists(socket));
        String handle = "k8s.pod-" + node;
        JsonNode r = NodeProcesses.request(
                socket,
                "{\"op\":\"assign\",\"handle\":\"" + handle + "\",\"node\":\"" + node + "\",\"containerId\":\"" + handle
                        + "\"}");
        assertThat(r.path("ok").asBoolean()).as(r.toString()).isTrue();
        String address = r.path("ips").get(0).path("address").asText();
        return address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
    }

    private boolean allPodsReachEachOther() {
        return KernelLab.allReachEachOther(pods, podIps);
    }

    @Test
    void podsReachEachOtherInVxlanThenNoEncapOverBgpAndThroughAnAgentRestart() throws Exception {
        String store = NodeProcesses.fileStore(dir, s -> s.withEncapsulation(EncapMode.Never, EncapMode.Always));
        try (NamespaceSet set = NamespaceSet.create("agente2e")) {
            Underlay underlay = Underlay.build(
                    set, List.of(new Underlay.Subnet(IpPrefix.parse("192.168.91.0/24"), List.of("n1", "n2", "n3"))));
            Map<String, Process> agents = new LinkedHashMap<>();
            for (Underlay.Node n : underlay.nodes()) {
                agents.put(KernelLab.nodeName(n), startAgent(n, store));
            }
            for (Underlay.Node n : underlay.nodes()) {
                String name = KernelLab.nodeName(n);
                String ip = assign(name);
                podIps.put(name, ip);
                pods.put(name, KernelLab.wirePod(set, n.namespace(), name, ip));
            }

            await().atMost(SETTLE)
                    .until(() -> underlay.nodes().stream()
                            .allMatch(n -> NodeProcesses.routes(n).stream()
                                            .filter(r -> r.contains("dev vxlan.brindle onlink"))
                                            .count()
                                    == 2));
            await().atMost(SETTLE).until(this::allPodsReachEachOther);
            await().atMost(SETTLE)
                    .until(() -> NodeProcesses.readiness(underlay.node("n1")).equals("ready"));

            try (Datastore ds = Datastores.open(store, null)) {
                IPPool p = ds.get(Kind.IPPOOL, "default").orElseThrow();
                ds.update(p.withSpec(p.spec().withEncapsulation(EncapMode.Never, EncapMode.Never)));
            }
            await().atMost(SETTLE)
                    .until(() -> underlay.nodes().stream()
                            .allMatch(n -> NodeProcesses.routes(n).stream()
                                            .filter(r -> r.contains("dev eth0"))
                                            .count()
                                    == 2));
            assertThat(underlay.node("n1")
                            .namespace()
                            .exec("ip", "link", "show", "vxlan.brindle")
                            .exit())
                    .isNotZero();
            await().atMost(SETTLE).until(this::allPodsReachEachOther);

            // Kill n2's agent and start it again under a steady ping from n1's pod to n2's.
            Process ping =
                    pods.get("n1").start(new ProcessBuilder("ping", "-q", "-i", "0.05", "-w", "12", podIps.get("n2")));
            Thread.sleep(1000);
            agents.get("n2").destroyForcibly(); // SIGKILL: no shutdown hook, no NOTIFICATION
            agents.get("n2").waitFor();
            agents.put("n2", startAgent(underlay.node("n2"), store));
            String summary = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ping.waitFor();
            assertThat(summary).as(summary).contains(" 0% packet loss");
            await().atMost(SETTLE)
                    .until(() -> NodeProcesses.readiness(underlay.node("n2")).equals("ready"));
            assertThat(allPodsReachEachOther()).isTrue();
        }
    }
}
