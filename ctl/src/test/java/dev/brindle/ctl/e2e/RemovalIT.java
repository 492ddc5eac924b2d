package dev.brindle.ctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.lab.Cmd;
import dev.brindle.lab.cluster.LabMode;
import dev.brindle.lab.cluster.Pod;
import dev.brindle.lab.junit.Needs;
import java.io.IOException;
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

/**
 * Issue 6: a pod deleted (CNI DEL) loses its /32 and its address but its node keeps the block (blackhole stays); a
 * node removed (agent stopped, its Node record, affinities and blocks deleted from the datastore) has its blocks'
 * routes and its VTEP entries gone from every other node.
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
            long started = System.nanoTime();
            removeNode(lab, ds, "node3");
            for (String n : List.of("node1", "node2")) {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    assertThat(routeDestinations(lab, n)).doesNotContainAnyElementsOf(node3Blocks);
                    assertThat(neighbours(lab, n)).doesNotContain(node3Vtep);
                });
            }
            System.out.printf(
                    "node3 removed: its %d block route(s) and VTEP gone from node1 and node2 in %d ms%n",
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

    /** What an operator does to decommission a node: stop its agent, delete its records from the datastore. */
    private static void removeNode(E2eLab lab, Datastore ds, String node) throws IOException {
        long pid = Long.parseLong(Files.readString(lab.dirs.agentPid(node)).strip());
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroy();
            h.onExit().join();
        });
        for (IPAMBlock b : ds.list(Kind.IPAM_BLOCK)) {
            if (b.spec().affineNode().equals(Optional.of(node))) {
                ds.delete(b);
            }
        }
        for (BlockAffinity a : ds.list(Kind.BLOCK_AFFINITY)) {
            if (a.spec().node().equals(node)) {
                ds.delete(a);
            }
        }
        ds.delete(Kind.NODE, node);
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
