package dev.brindle.ctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brindle.lab.Cmd;
import dev.brindle.lab.cluster.LabMode;
import dev.brindle.lab.cluster.Pod;
import dev.brindle.lab.junit.Needs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6, per mode this kernel can run (IPIP is covered by IpipIT in a guest): three nodes with two pods each, the
 * real agents and plugin; every pod holds a TCP exchange with every pod on another node, and every node's
 * protocol-98 routes, VXLAN neighbours and FDB entries are exactly what CONTRACT.md says.
 */
@Needs(
        root = true,
        commands = {"ip", "ping", "socat", "bridge"})
class ModesIT {
    private static final int PORT = 7777;

    @ParameterizedTest
    @EnumSource(
            value = LabMode.class,
            names = {"NOENCAP", "VXLAN", "VXLAN_CROSSSUBNET"})
    void podsTalkTcpAcrossNodesAndRoutesMatchTheContract(LabMode mode) {
        try (E2eLab lab = E2eLab.up("md", 3, 2, mode)) {
            List<String> nodes = List.of("node1", "node2", "node3");
            Map<String, Node> byName = new TreeMap<>();
            for (String n : nodes) {
                byName.put(n, Node.read(lab, n, mode));
            }
            for (String n : nodes) {
                assertRoutes(lab, byName, n, mode);
                if (mode != LabMode.NOENCAP) {
                    assertVteps(lab, byName, n);
                }
            }
            long started = System.nanoTime();
            int exchanges = tcpAcrossNodes(lab, lab.pods());
            System.out.printf(
                    "%s: %d cross-node TCP exchanges ok in %d ms%n",
                    mode, exchanges, (System.nanoTime() - started) / 1_000_000);
            assertThat(exchanges).isEqualTo(24);
        }
    }

    /** What the other nodes need to know of one node: underlay address, local blocks, VTEP. */
    private record Node(String name, String ip, String subnet, Set<String> blocks, String vtepIp, String vtepMac) {
        static Node read(E2eLab lab, String name, LabMode mode) {
            Set<String> blocks = new HashSet<>();
            for (JsonNode r : lab.brindleRoutes(name)) {
                if ("blackhole".equals(r.path("type").asText())) {
                    blocks.add(r.get("dst").asText());
                }
            }
            assertThat(blocks)
                    .as("%s has a local block (blackhole) for its pods", name)
                    .isNotEmpty();
            JsonNode addr = lab.json(name, "ip", "-j", "-4", "addr", "show", "dev", "eth0")
                    .get(0)
                    .get("addr_info")
                    .get(0);
            String subnet = addr.get("local").asText().replaceAll("\\.\\d+$", "");
            String vtepIp = null;
            String vtepMac = null;
            if (mode != LabMode.NOENCAP) {
                JsonNode link = lab.json(name, "ip", "-j", "-4", "addr", "show", "dev", "vxlan.brindle")
                        .get(0);
                vtepIp = link.get("addr_info").get(0).get("local").asText();
                vtepMac = lab.json(name, "ip", "-j", "link", "show", "dev", "vxlan.brindle")
                        .get(0)
                        .get("address")
                        .asText();
                assertThat(vtepMac).as("VTEP MAC of %s", name).isEqualTo(contractMac(name));
            }
            return new Node(name, addr.get("local").asText(), subnet, blocks, vtepIp, vtepMac);
        }
    }

    /** CONTRACT.md: {@code 66:} + the first 5 bytes of sha1(node name). */
    private static String contractMac(String node) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-1").digest(node.getBytes(StandardCharsets.UTF_8));
            StringBuilder s = new StringBuilder("66");
            for (int i = 0; i < 5; i++) {
                s.append(':').append(HexFormat.of().toHexDigits(h[i]));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRoutes(E2eLab lab, Map<String, Node> nodes, String self, LabMode mode) {
        Node me = nodes.get(self);
        Map<String, String> expected = new TreeMap<>();
        me.blocks().forEach(b -> expected.put(b, "blackhole"));
        for (Node other : nodes.values()) {
            if (other.name().equals(self)) {
                continue;
            }
            boolean direct = mode == LabMode.NOENCAP
                    || (mode == LabMode.VXLAN_CROSSSUBNET && other.subnet().equals(me.subnet()));
            String form =
                    direct ? "via " + other.ip() + " dev eth0" : "via " + other.vtepIp() + " dev vxlan.brindle onlink";
            other.blocks().forEach(b -> expected.put(b, form));
        }
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode r : lab.brindleRoutes(self)) {
            actual.put(r.get("dst").asText(), form(r));
        }
        assertThat(actual).as("protocol-98 routes on %s in %s", self, mode).isEqualTo(expected);
    }

    private static String form(JsonNode r) {
        if ("blackhole".equals(r.path("type").asText())) {
            return "blackhole";
        }
        List<String> flags = new ArrayList<>();
        r.path("flags").forEach(f -> flags.add(f.asText()));
        return "via " + r.path("gateway").asText() + " dev " + r.path("dev").asText()
                + (flags.contains("onlink") ? " onlink" : "");
    }

    private static void assertVteps(E2eLab lab, Map<String, Node> nodes, String self) {
        Map<String, String> wantNeigh = new TreeMap<>();
        Map<String, String> wantFdb = new TreeMap<>();
        for (Node other : nodes.values()) {
            if (!other.name().equals(self)) {
                wantNeigh.put(other.vtepIp(), other.vtepMac() + " PERMANENT");
                wantFdb.put(other.vtepMac(), other.ip() + " permanent");
            }
        }
        Map<String, String> neigh = new TreeMap<>();
        for (JsonNode n : lab.json(self, "ip", "-j", "-4", "neigh", "show", "dev", "vxlan.brindle")) {
            neigh.put(n.get("dst").asText(), n.get("lladdr").asText() + " " + String.join(",", texts(n.get("state"))));
        }
        Map<String, String> fdb = new TreeMap<>();
        for (JsonNode f : lab.json(self, "bridge", "-j", "fdb", "show", "dev", "vxlan.brindle")) {
            if (f.has("dst")) {
                fdb.put(
                        f.get("mac").asText(),
                        f.get("dst").asText() + " " + f.path("state").asText());
            }
        }
        assertThat(neigh).as("vxlan.brindle neighbours on %s", self).isEqualTo(wantNeigh);
        assertThat(fdb).as("vxlan.brindle FDB on %s", self).isEqualTo(wantFdb);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** An echo server in every pod, then one payload from every pod to every pod on another node; returns the count. */
    private static int tcpAcrossNodes(E2eLab lab, List<Pod> pods) {
        Map<Pod, Process> servers = new HashMap<>();
        try {
            for (Pod p : pods) {
                servers.put(
                        p,
                        new ProcessBuilder(
                                        "ip",
                                        "netns",
                                        "exec",
                                        p.namespace(),
                                        "socat",
                                        "TCP-LISTEN:" + PORT + ",reuseaddr,fork",
                                        "EXEC:cat")
                                .redirectErrorStream(true)
                                .start());
            }
            for (Pod p : pods) {
                awaitListening(p);
            }
            int ok = 0;
            for (Pod from : pods) {
                for (Pod to : pods) {
                    if (from.node().equals(to.node())) {
                        continue;
                    }
                    String payload = "brindle " + from.name() + " -> " + to.name() + "\n";
                    Cmd.Result r = Cmd.run(
                            List.of(
                                    "ip",
                                    "netns",
                                    "exec",
                                    from.namespace(),
                                    "timeout",
                                    "10",
                                    "socat",
                                    "-t",
                                    "2",
                                    "-",
                                    "TCP:" + to.address() + ":" + PORT + ",connect-timeout=3"),
                            payload);
                    assertThat(r.out())
                            .as("echo %s -> %s: %s", from.name(), to.name(), r)
                            .isEqualTo(payload);
                    ok++;
                }
            }
            return ok;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            servers.values().forEach(Process::destroy);
        }
    }

    private static void awaitListening(Pod p) {
        for (int i = 0; i < 50; i++) {
            if (Cmd.run("ip", "netns", "exec", p.namespace(), "ss", "-Hltn", "sport", "= :" + PORT)
                    .out()
                    .contains(":" + PORT)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("socat did not listen on " + p.name() + ":" + PORT);
    }
}
