package dev.brindle.ctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brindle.ctl.Main;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.lab.Cmd;
import dev.brindle.lab.cluster.LabMode;
import dev.brindle.lab.cluster.Pod;
import dev.brindle.lab.junit.Needs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 6: a pod deleted (CNI DEL) loses its /32 and its address but its node keeps the block (blackhole stays); a
 * node removed with {@code brindlectl delete node} (refused while its agent runs; after the agent stopped, with
 * {@code --force} since its heartbeat is recent) has its pod's address, blocks, affinities and Node record released,
 * and its blocks' routes, its VTEP entries and its BGP session gone from every other node.
 */
@Needs(
        root = true,
        commands = {"ip", "ping"})
class RemovalIT {

    @Test
    void deletedPodAndRemovedNodeLeaveNothingBehind() {
        try (E2eLab lab = E2eLab.up("rm", 3, 1, LabMode.VXLAN);
                Datastore ds = Datastores.open("file:" + lab.dirs.store(), null)) {
            Pod pod = lab.cluster.addPod("node1");
            InetAddress address = InetAddress.getByName(pod.address());
            String handle = "k8s-pod-network." + pod.namespace();
            assertThat(hostRoutes(lab, "node1")).contains(pod.address());
            assertThat(allocated(ds, address)).isTrue();
            assertThat(ds.get(Kind.IPAM_HANDLE, handle)).isPresent();
            Set<String> blocksBefore = blackholes(lab, "node1");

            cniDel(lab, pod).orThrow();

            assertThat(hostRoutes(lab, "node1")).doesNotContain(pod.address());
            assertThat(allocated(ds, address))
                    .as("%s still allocated after DEL", address)
                    .isFalse();
            assertThat(ds.get(Kind.IPAM_HANDLE, handle)).isEmpty();
            assertThat(blackholes(lab, "node1")).as("node1 keeps its blocks").isEqualTo(blocksBefore);

            Set<String> node3Blocks = blackholes(lab, "node3");
            String node3Vtep = lab.json("node3", "ip", "-j", "-4", "addr", "show", "dev", "vxlan.brindle")
                    .get(0)
                    .get("addr_info")
                    .get(0)
                    .get("local")
                    .asText();
            for (String n : List.of("node1", "node2")) {
                assertThat(routeDestinations(lab, n)).containsAll(node3Blocks);
                assertThat(neighbours(lab, n)).contains(node3Vtep);
            }
            String node3Pod = lab.pods().stream()
                    .filter(p -> p.node().equals("node3"))
                    .findFirst()
                    .orElseThrow()
                    .address();
            String node3Ip = lab.underlayIp("node3");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> nodeStatus(lab, "node1").contains(node3Ip));

            assertThat(brindlectl(lab, "delete", "node", "node3"))
                    .as("refused while node3's agent runs")
                    .startsWith("1:")
                    .contains("node node3 still looks alive");
            assertThat(ds.get(Kind.NODE, "node3")).isPresent();

            long started = System.nanoTime();
            stopAgent(lab, "node3");
            assertThat(brindlectl(lab, "delete", "node", "node3", "--force"))
                    .startsWith("0:")
                    .contains("Node node3 deleted (2 addresses, 1 block affinities released");
            assertThat(ds.get(Kind.NODE, "node3")).isEmpty();
            assertThat(ds.list(Kind.BLOCK_AFFINITY))
                    .noneMatch(a -> a.spec().node().equals("node3"));
            assertThat(ds.list(Kind.IPAM_BLOCK))
                    .noneMatch(b -> b.spec().affineNode().equals(Optional.of("node3")));
            assertThat(allocated(ds, InetAddress.getByName(node3Pod))).isFalse();
            for (String n : List.of("node1", "node2")) {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    assertThat(routeDestinations(lab, n)).doesNotContainAnyElementsOf(node3Blocks);
                    assertThat(neighbours(lab, n)).doesNotContain(node3Vtep);
                    assertThat(nodeStatus(lab, n)).doesNotContain(node3Ip);
                });
            }
            System.out.printf(
                    "node3 deleted: its %d block route(s), VTEP and BGP session gone from node1 and node2 in %d ms%n",
                    node3Blocks.size(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CNI DEL as a runtime runs it (CNI spec, "Execution protocol"), from the node's namespace. */
    private static Cmd.Result cniDel(E2eLab lab, Pod pod) {
        String netconf = """
                {"cniVersion": "1.0.0", "name": "k8s-pod-network", "type": "brindle", "nodename": "%s",
                 "agent_socket": "%s", "log_file_path": "%s", "ipam": {"type": "brindle-ipam"}}""".formatted(pod.node(), lab.dirs.agentSocket(pod.node()), lab.dirs.cniLog());
        return lab.execWithInput(
                pod.node(),
                netconf,
                "env",
                "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                "CNI_COMMAND=DEL",
                "CNI_CONTAINERID=" + pod.namespace(),
                "CNI_NETNS=/run/netns/" + pod.namespace(),
                "CNI_IFNAME=eth0",
                "CNI_PATH=" + lab.dirs.cniBin(),
                "CNI_ARGS=IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=" + pod.name(),
                lab.dirs.cniBin().resolve("brindle").toString());
    }

    private static void stopAgent(E2eLab lab, String node) throws IOException {
        long pid = Long.parseLong(Files.readString(lab.dirs.agentPid(node)).strip());
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroy();
            h.onExit().join();
        });
    }

    /** brindlectl in this JVM on the lab's datastore: {@code "<exit code>:<stdout><stderr>"}. */
    private static String brindlectl(E2eLab lab, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--datastore", "file:" + lab.dirs.store()));
        int code = cli.execute(argv.toArray(String[]::new));
        return code + ":" + out;
    }

    /** {@code brindlectl node status} against {@code node}'s agent. */
    private static String nodeStatus(E2eLab lab, String node) {
        return brindlectl(
                lab,
                "node",
                "status",
                "--agent-socket",
                lab.dirs.agentSocket(node).toString());
    }

    private static boolean allocated(Datastore ds, InetAddress address) {
        for (IPAMBlock b : ds.list(Kind.IPAM_BLOCK)) {
            if (b.spec().cidr().contains(address)) {
                int ordinal = Math.toIntExact(b.spec().cidr().offsetOf(address));
                return b.spec().allocations().get(ordinal) != null;
            }
        }
        return false;
    }

    private static List<String> hostRoutes(E2eLab lab, String node) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : lab.json(node, "ip", "-j", "-4", "route", "show")) {
            out.add(r.get("dst").asText());
        }
        return out;
    }

    private static Set<String> routeDestinations(E2eLab lab, String node) {
        Set<String> out = new java.util.HashSet<>();
        lab.brindleRoutes(node).forEach(r -> out.add(r.get("dst").asText()));
        return out;
    }

    private static Set<String> blackholes(E2eLab lab, String node) {
        Set<String> out = new java.util.TreeSet<>();
        for (JsonNode r : lab.brindleRoutes(node)) {
            if ("blackhole".equals(r.path("type").asText())) {
                out.add(r.get("dst").asText());
            }
        }
        assertThat(out).as("blocks of %s", node).isNotEmpty();
        return out;
    }

    private static Set<String> neighbours(E2eLab lab, String node) {
        return java.util.stream.StreamSupport.stream(
                        lab.json(node, "ip", "-j", "-4", "neigh", "show", "dev", "vxlan.brindle")
                                .spliterator(),
                        false)
                .map(n -> n.get("dst").asText())
                .collect(Collectors.toSet());
    }
}
