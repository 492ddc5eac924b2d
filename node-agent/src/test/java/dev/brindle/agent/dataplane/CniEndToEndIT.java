package dev.brindle.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.lab.Cmd;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import dev.brindle.lab.Underlay;
import dev.brindle.lab.junit.Needs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end as an operator runs it: three nodes on two underlay subnets joined by a router, a real
 * {@code brindle-node} per node on a shared {@code file:} store, two pods per node attached by running the real
 * {@code bin/brindle} (with {@code brindle-ipam} asking the node's agent) the way a runtime does, pool in
 * VXLAN-CrossSubnet: every pod reaches every other pod; a pod deleted takes its /32 and address, its block stays.
 */
@Needs(
        root = true,
        commands = {"ip", "ping", "curl", "nft"})
class CniEndToEndIT {
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Pattern ADDRESS = Pattern.compile("\\\"address\\\"\\s*:\\s*\\\"([0-9.]+)/32\\\"");

    @TempDir
    Path dir;

    private final Map<String, Namespace> pods = new LinkedHashMap<>();
    private final Map<String, String> podIps = new LinkedHashMap<>();

    private static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isExecutable(p.resolve("bin/brindle"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository (bin/brindle) above "
                    + Path.of("").toAbsolutePath());
        }
        return p;
    }

    private Path binDir() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("cni-bin"));
        for (String plugin : List.of("brindle", "brindle-ipam")) {
            Path link = bin.resolve(plugin);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, repo().resolve("bin").resolve(plugin));
            }
        }
        return bin;
    }

    /** CNI ADD or DEL through the real plugin, run in the node namespace with a runtime's six variables. */
    private Cmd.Result cni(Underlay.Node node, String command, String pod, Namespace podNs) throws Exception {
        String name = KernelLab.nodeName(node);
        String conf = "{\"cniVersion\":\"1.0.0\",\"name\":\"k8s-pod-network\",\"type\":\"brindle\",\"nodename\":\""
                + name + "\",\"agent_socket\":\"" + NodeProcesses.socket(dir, name)
                + "\",\"ipam\":{\"type\":\"brindle-ipam\"}}";
        List<String> argv = new ArrayList<>(List.of(
                "env",
                "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                "CNI_COMMAND=" + command,
                "CNI_CONTAINERID=ctr-" + pod,
                "CNI_NETNS=" + podNs.path(),
                "CNI_IFNAME=eth0",
                "CNI_ARGS=K8S_POD_NAMESPACE=default;K8S_POD_NAME=" + pod,
                "CNI_PATH=" + binDir()));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null) {
            argv.add(3, "JAVA_HOME=" + javaHome);
        }
        argv.add(binDir().resolve("brindle").toString());
        return node.namespace().exec(argv, conf);
    }

    private boolean allPodsReachEachOther() {
        return KernelLab.allReachEachOther(pods, podIps);
    }

    @Test
    void podsAttachedByTheRealPluginReachEachOtherInVxlanCrossSubnet() throws Exception {
        String store = NodeProcesses.fileStore(
                dir,
                s -> s.withEncapsulation(EncapMode.Never, EncapMode.CrossSubnet).withNatOutgoing(true));
        try (NamespaceSet set = NamespaceSet.create("cnie2e")) {
            Underlay underlay = Underlay.build(
                    set,
                    List.of(
                            new Underlay.Subnet(IpPrefix.parse("192.168.93.0/24"), List.of("n1", "n2")),
                            new Underlay.Subnet(IpPrefix.parse("192.168.94.0/24"), List.of("n3"))));
            for (Underlay.Node n : underlay.nodes()) {
                NodeProcesses.start(n, store, dir);
            }
            for (Underlay.Node n : underlay.nodes()) {
                String name = KernelLab.nodeName(n);
                await().atMost(SETTLE).until(() -> Files.exists(NodeProcesses.socket(dir, name)));
                for (int j = 1; j <= 2; j++) {
                    String pod = "pod" + name.substring(1) + "-" + j;
                    Namespace podNs = set.add(pod);
                    Cmd.Result add = cni(n, "ADD", pod, podNs);
                    assertThat(add.exit()).as(add.out() + add.err()).isZero();
                    assertThat(add.err())
                            .as("bin/brindle's shim handed the ADD to this node's agent")
                            .contains("(served by the node agent)");
                    Matcher m = ADDRESS.matcher(add.out());
                    assertThat(m.find()).as(add.out()).isTrue();
                    pods.put(pod, podNs);
                    podIps.put(pod, m.group(1));
                }
            }

            Underlay.Node n1 = underlay.node("n1");
            await().atMost(SETTLE).until(() -> {
                List<String> r = NodeProcesses.routes(n1);
                return r.stream().anyMatch(x -> x.endsWith("dev eth0"))
                        && r.stream().anyMatch(x -> x.contains("dev vxlan.brindle onlink"));
            });
            await().atMost(SETTLE).until(this::allPodsReachEachOther);
            assertThat(n1.namespace().ok("nft", "list", "table", "ip", "brindle"))
                    .contains("masquerade");

            String gone = podIps.get("pod1-2");
            Cmd.Result del = cni(n1, "DEL", "pod1-2", pods.remove("pod1-2"));
            podIps.remove("pod1-2");
            assertThat(del.exit()).as(del.out() + del.err()).isZero();
            assertThat(n1.namespace().ok("ip", "route", "show")).doesNotContain(gone + " dev");
            assertThat(NodeProcesses.routes(n1)).anyMatch(r -> r.startsWith("blackhole"));
            assertThat(allPodsReachEachOther()).isTrue();
        }
    }
}
