package dev.brindle.cni.it;

import static dev.brindle.cni.it.CniHarness.ipJson;
import static dev.brindle.cni.it.CniHarness.links;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.cni.dataplane.VethName;
import dev.brindle.cni.json.JsonValues;
import dev.brindle.cni.json.JsonWriter;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.junit.Needs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real {@code bin/brindle} run the way a runtime runs it (env + stdin, in the node namespace) against the real
 * kernel, host-local as IPAM; the kernel state is read back with {@code ip -j} and compared with CONTRACT.md.
 */
@Needs(
        root = true,
        commands = {"ip", "ping", "/usr/lib/cni/host-local"})
class BrindleIT {
    private static final String SUBNET = "10.244.7.0/24";
    private static final String K8S = "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=";
    static CniHarness h;

    @BeforeAll
    static void node() {
        h = new CniHarness("cni");
    }

    @AfterAll
    static void cleanUp() {
        if (h != null) {
            h.close();
        }
    }

    @AfterEach
    void nothingLeftBehind() {
        List<String> veths = links(h.node, "brl");
        List<String> held = h.reservedAddresses();
        h.reset(); // so that one failure does not cascade into the next test
        assertThat(veths).as("host veths left in the node").isEmpty();
        assertThat(held).as("addresses host-local still holds").isEmpty();
    }

    private static String veth(String pod) {
        return VethName.forPod("brl", "default", pod);
    }

    private static CniHarness.Invocation brindle(String cmd, String conf, String id, Namespace pod, String podName) {
        return h.invoke("brindle", cmd, conf, id, pod == null ? "" : pod.path().toString(), K8S + podName);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"})
    void addCheckDelInEveryVersionLeavesTheContractState(String version) {
        Namespace pod = h.pod("v" + version.replace(".", ""));
        String podName = "web-" + version.replace(".", "");
        String conf = h.conf(version, SUBNET, "");
        CniHarness.Invocation add = brindle("ADD", conf, "ctr" + version.replace(".", ""), pod, podName);
        assertThat(add.exit()).as(add.toString()).isZero();

        Map<String, Object> result = add.json();
        assertThat(result).containsEntry("cniVersion", version);
        List<Map<String, Object>> ifaces = JsonValues.objects(result, "interfaces");
        assertThat(ifaces).hasSize(2);
        assertThat(ifaces.get(0)).containsEntry("name", veth(podName)).containsEntry("mac", "ee:ee:ee:ee:ee:ee");
        assertThat(ifaces.get(1))
                .containsEntry("name", "eth0")
                .containsEntry("sandbox", pod.path().toString());
        Map<String, Object> ip = JsonValues.objects(result, "ips").getFirst();
        assertThat(ip).containsEntry("interface", 1L).doesNotContainKey("gateway");
        assertThat(ip.containsKey("version")).isEqualTo(!version.startsWith("1."));
        String address = (String) ip.get("address");
        assertThat(address).endsWith("/32").startsWith("10.244.7.");
        String podIp = address.substring(0, address.indexOf('/'));

        assertKernelState(pod, veth(podName), podIp, (String) ifaces.get(1).get("mac"));

        if (!version.startsWith("0.3")) {
            String withPrev = h.conf(version, SUBNET, ",\"prevResult\":" + add.stdout());
            CniHarness.Invocation check = brindle("CHECK", withPrev, "ctr" + version.replace(".", ""), pod, podName);
            assertThat(check.exit()).as(check.toString()).isZero();
            assertThat(check.stdout()).isEmpty();
            pod.ok("ip", "route", "del", "default");
            CniHarness.Invocation broken = brindle("CHECK", withPrev, "ctr" + version.replace(".", ""), pod, podName);
            assertThat(broken.exit()).isNotZero();
            assertThat(broken.json().get("msg").toString()).contains("0.0.0.0/0 via 169.254.1.1 dev eth0 is missing");
        }
        for (int i = 0; i < 2; i++) {
            CniHarness.Invocation del = brindle("DEL", conf, "ctr" + version.replace(".", ""), pod, podName);
            assertThat(del.exit()).as(del.toString()).isZero();
            assertThat(del.stdout()).isEmpty();
        }
        assertThat(links(pod, "eth0")).isEmpty();
    }

    @Test
    void aDualStackPodGetsItsIpv6DefaultViaTheHostLinkLocalAndCheckWatchesTheMtu() {
        Namespace pod = h.pod("dual");
        String agent = h.agentSocket == null ? "" : "\"agent_socket\":\"" + h.agentSocket + "\",";
        String conf = "{\"cniVersion\":\"1.0.0\",\"name\":\"brindle-it\",\"type\":\"brindle\",\"mtu\":1400," + agent
                + "\"ipam\":{\"type\":\"host-local\",\"dataDir\":\"" + h.dataDir + "\",\"ranges\":"
                + "[[{\"subnet\":\"10.244.9.0/24\"}],[{\"subnet\":\"fd00:9::/64\"}]]}}";
        CniHarness.Invocation add = brindle("ADD", conf, "cdual", pod, "dual");
        assertThat(add.exit()).as(add.toString()).isZero();
        String v6 = JsonValues.objects(add.json(), "ips").stream()
                .map(ip -> (String) ip.get("address"))
                .filter(a -> a.contains(":"))
                .findFirst()
                .orElseThrow();
        assertThat(v6).startsWith("fd00:9::").endsWith("/128");
        String podV6 = v6.substring(0, v6.indexOf('/'));

        assertThat(ipJson(pod, "-6", "route", "show", "default"))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("gateway", "fe80::ecee:eeff:feee:eeee")
                        .containsEntry("dev", "eth0"));
        assertThat(JsonValues.objects(
                        ipJson(pod, "-6", "addr", "show", "dev", "eth0").getFirst(), "addr_info"))
                .filteredOn(a -> podV6.equals(a.get("local")))
                .singleElement()
                .satisfies(a -> assertThat(a).as("no DAD: usable at once").doesNotContainKey("tentative"));
        assertThat(h.sysctl(h.node, "net/ipv6/conf/" + veth("dual") + "/proxy_ndp"))
                .isEqualTo("1");
        assertThat(pod.exec("ping", "-6", "-c1", "-W2", "fe80::ecee:eeff:feee:eeee%eth0")
                        .exit())
                .as("the pod reaches its IPv6 gateway, the host veth")
                .isZero();
        assertThat(h.node.exec("ping", "-6", "-c1", "-W2", podV6).exit())
                .as("the node reaches the pod's /128")
                .isZero();

        String withPrev = conf.substring(0, conf.length() - 1) + ",\"prevResult\":" + add.stdout() + "}";
        CniHarness.Invocation intact = brindle("CHECK", withPrev, "cdual", pod, "dual");
        assertThat(intact.exit()).as(intact.toString()).isZero();
        pod.ok("ip", "link", "set", "eth0", "mtu", "1300");
        CniHarness.Invocation check = brindle("CHECK", withPrev, "cdual", pod, "dual");
        assertThat(check.exit()).isNotZero();
        assertThat(check.json().get("msg").toString()).contains("eth0 has MTU 1300, not 1400");
        assertThat(brindle("DEL", conf, "cdual", pod, "dual").exit()).isZero();
    }

    private static void assertKernelState(Namespace pod, String veth, String podIp, String podMac) {
        Map<String, Object> link =
                ipJson(h.node, "-d", "link", "show", "dev", veth).getFirst();
        assertThat(link).containsEntry("address", "ee:ee:ee:ee:ee:ee").containsEntry("mtu", 1400L);
        assertThat(JsonValues.array(link, "flags")).contains("UP");
        assertThat(h.sysctl(h.node, "net/ipv4/conf/" + veth + "/proxy_arp")).isEqualTo("1");
        assertThat(h.sysctl(h.node, "net/ipv4/conf/" + veth + "/forwarding")).isEqualTo("1");
        assertThat(h.sysctl(h.node, "net/ipv4/conf/" + veth + "/route_localnet"))
                .isEqualTo("1");
        assertThat(h.sysctl(h.node, "net/ipv4/neigh/" + veth + "/proxy_delay")).isEqualTo("0");
        assertThat(h.sysctl(h.node, "net/ipv6/conf/" + veth + "/accept_ra")).isEqualTo("0");
        assertThat(ipJson(h.node, "route", "show", "dev", veth))
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("dst", podIp).containsEntry("scope", "link"));

        Map<String, Object> eth0 = ipJson(pod, "addr", "show", "dev", "eth0").getFirst();
        assertThat(eth0).containsEntry("address", podMac).containsEntry("mtu", 1400L);
        assertThat(JsonValues.objects(eth0, "addr_info"))
                .filteredOn(a -> "inet".equals(a.get("family")))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("local", podIp).containsEntry("prefixlen", 32L));
        assertThat(ipJson(pod, "route", "show"))
                .extracting(JsonWriter::write)
                .containsExactlyInAnyOrder(
                        "{\"dst\":\"default\",\"gateway\":\"169.254.1.1\",\"dev\":\"eth0\",\"flags\":[]}",
                        "{\"dst\":\"169.254.1.1\",\"dev\":\"eth0\",\"scope\":\"link\",\"flags\":[]}");
    }

    @Test
    void podsReachEachOtherAndTheNodeAndBack() {
        Namespace a = h.pod("pa");
        Namespace b = h.pod("pb");
        String conf = h.conf("1.0.0", SUBNET, "");
        String ipA = podIp(brindle("ADD", conf, "ctra", a, "a"));
        String ipB = podIp(brindle("ADD", conf, "ctrb", b, "b"));
        try {
            assertThat(a.exec("ping", "-c1", "-W2", ipB).exit())
                    .as("pod a -> pod b")
                    .isZero();
            assertThat(b.exec("ping", "-c1", "-W2", ipA).exit())
                    .as("pod b -> pod a")
                    .isZero();
            assertThat(a.exec("ping", "-c1", "-W2", "192.168.77.1").exit())
                    .as("pod -> node")
                    .isZero();
            assertThat(h.node.exec("ping", "-c1", "-W2", ipA).exit())
                    .as("node -> pod")
                    .isZero();
            // the pod's next hop is the host veth's ee:ee:ee:ee:ee:ee, by proxy ARP
            assertThat(a.ok("ip", "neigh", "show", "169.254.1.1")).contains("ee:ee:ee:ee:ee:ee");
        } finally {
            brindle("DEL", conf, "ctra", a, "a");
            brindle("DEL", conf, "ctrb", b, "b");
        }
    }

    private static String podIp(CniHarness.Invocation add) {
        assertThat(add.exit()).as(add.toString()).isZero();
        String a = (String) JsonValues.objects(add.json(), "ips").getFirst().get("address");
        return a.substring(0, a.indexOf('/'));
    }

    @Test
    void aRetriedAddKeepsOnePairAndAStaleVethOfTheSamePodIsReplaced() {
        Namespace first = h.pod("r1");
        Namespace second = h.pod("r2");
        String conf = h.conf("1.0.0", SUBNET, "");
        podIp(brindle("ADD", conf, "ctrr1", first, "same"));
        // host-local refuses a second ADD for a container it holds: brindle gives the address back and asks
        // again, so exactly one reservation and one pair remain
        String retried = podIp(brindle("ADD", conf, "ctrr1", first, "same"));
        assertThat(h.reservedAddresses()).containsExactly(retried);
        assertThat(links(h.node, "brl")).containsExactly(veth("same"));
        assertThat(links(first, "eth")).containsExactly("eth0");
        assertThat(ipJson(h.node, "route", "show", "dev", veth("same"))).hasSize(1);

        // a new sandbox of the same pod (a new container ID) while the old one's veth is still there
        podIp(brindle("ADD", conf, "ctrr2", second, "same"));
        assertThat(links(h.node, "brl")).containsExactly(veth("same"));
        assertThat(links(first, "eth")).isEmpty();
        assertThat(links(second, "eth")).containsExactly("eth0");
        assertThat(brindle("DEL", conf, "ctrr1", first, "same").exit()).isZero();
        assertThat(brindle("DEL", conf, "ctrr2", second, "same").exit()).isZero();
    }

    @Test
    void delSucceedsWithTheNetnsGoneOrUnsetAndWithoutPrevResult() {
        Namespace gone = h.pod("g1");
        String conf = h.conf("0.4.0", SUBNET, "");
        podIp(brindle("ADD", conf, "ctrg1", gone, "g1"));
        Path path = gone.path();
        CniHarness.run("ip", "netns", "del", gone.name());
        // the kernel takes the veth with the netns, from a work queue, so a moment later
        await().atMost(Duration.ofSeconds(10)).until(() -> links(h.node, "brl").isEmpty());
        assertThat(h.invoke("brindle", "DEL", conf, "ctrg1", path.toString(), K8S + "g1")
                        .exit())
                .isZero();
        assertThat(h.invoke("brindle", "DEL", conf, "ctrg1", "", K8S + "g1").exit())
                .isZero();

        Namespace unset = h.pod("g2");
        podIp(brindle("ADD", conf, "ctrg2", unset, "g2"));
        // ctr run --cni sends DEL with CNI_NETNS= empty once the task has exited
        assertThat(h.invoke("brindle", "DEL", conf, "ctrg2", "", "").exit()).isZero();
        assertThat(h.reservedAddresses()).isEmpty();
        assertThat(brindle("DEL", conf, "ctrg2", unset, "g2").exit()).isZero();
    }

    /**
     * ctr run --cni passes the task's own /proc/<pid>/ns/net (an unpinned netns that dies with the task) and, once
     * the task is gone, DEL with CNI_NETNS empty.
     */
    @Test
    void aProcPidNetnsOfATaskWorksLikeCtrPassesIt() throws Exception {
        Process task = h.node.start(new ProcessBuilder("unshare", "--net", "sleep", "60"));
        await().atMost(Duration.ofSeconds(10)).until(() -> isSleeping(task.pid()));
        String netns = "/proc/" + task.pid() + "/ns/net";
        String conf = h.conf("1.0.0", SUBNET, "");
        CniHarness.Invocation add = h.invoke("brindle", "ADD", conf, "default-ctr1", netns, "");
        podIp(add);
        assertThat(JsonValues.objects(add.json(), "interfaces").get(1)).containsEntry("sandbox", netns);
        assertThat(links(h.node, "brl")).containsExactly("brldefault-ctr");
        task.destroy();
        task.waitFor();
        await().atMost(Duration.ofSeconds(10)).until(() -> links(h.node, "brl").isEmpty());
        assertThat(h.invoke("brindle", "DEL", conf, "default-ctr1", "", "").exit())
                .isZero();
    }

    /** ip netns exec and unshare exec under the same pid: once it is sleep, it is in its own netns. */
    private static boolean isSleeping(long pid) throws Exception {
        return Files.readString(Path.of("/proc/" + pid + "/comm")).strip().equals("sleep");
    }

    @Test
    void brokenInputsGetTheSpecsCodesAndLeaveNothing() throws Exception {
        Namespace pod = h.pod("bad");
        String good = h.conf("1.0.0", SUBNET, "");
        assertCode(brindle("ADD", "{\"cniVersion\":", "c1", pod, "p"), 6, "decoding");
        assertCode(brindle("ADD", h.conf("9.9.9", SUBNET, ""), "c1", pod, "p"), 1, "incompatible CNI versions");
        assertCode(brindle("ADD", good.replace("\"ipam\"", "\"noipam\""), "c1", pod, "p"), 7, "\"ipam\" is missing");
        assertCode(brindle("ADD", good.replace("\"name\":\"brindle-it\",", ""), "c1", pod, "p"), 7, "\"name\"");
        assertCode(h.invoke("brindle", "ADD", good, "", pod.path().toString(), ""), 4, "CNI_CONTAINERID");
        assertCode(h.invoke("brindle", "ADD", good, "c1", "", ""), 4, "CNI_NETNS");
        Path plainFile = Files.writeString(h.dir.resolve("not-a-netns"), "x");
        assertCode(h.invoke("brindle", "ADD", good, "c1", plainFile.toString(), ""), 8, "not a network namespace");
        assertCode(h.invoke("brindle", "ADD", good, "c1", "/proc/1/ns/mnt", ""), 8, "mnt");
        assertCode(h.invoke("brindle", "ADD", good, "c1", "/run/netns/no-such-ns", ""), 8, "does not exist");
        CniHarness.Invocation badSubnet = brindle("ADD", h.conf("1.0.0", "10.244.7.0/33", ""), "c1", pod, "p");
        assertThat(badSubnet.exit()).as(badSubnet.toString()).isNotZero();
        assertThat(badSubnet.json().get("msg").toString()).contains("IPAM plugin host-local ADD");
        assertCode(brindle("CHECK", h.conf("0.3.1", SUBNET, ""), "c1", pod, "p"), 1, "CHECK");

        // an IPAM plugin that hands out an address and then fails the kernel work: the address is given back
        Path failing = h.binDir.resolve("fail-ipam");
        Files.writeString(failing, "#!/bin/sh\necho '{\"code\":11,\"msg\":\"pool busy\"}'\nexit 1\n");
        failing.toFile().setExecutable(true);
        String failConf = good.replace("\"type\":\"host-local\"", "\"type\":\"fail-ipam\"");
        assertCode(brindle("ADD", failConf, "c1", pod, "p"), 11, "pool busy");
        assertCode(
                brindle("ADD", good.replace("\"type\":\"host-local\"", "\"type\":\"nope\""), "c1", pod, "p"),
                7,
                "failed to find IPAM plugin \"nope\"");
        assertThat(links(pod, "eth")).isEmpty();
    }

    private static void assertCode(CniHarness.Invocation inv, int code, String msgPart) {
        assertThat(inv.exit()).as(inv.toString()).isNotZero();
        assertThat(inv.code()).as(inv.toString()).isEqualTo(code);
        assertThat(inv.json().get("msg").toString() + inv.json().getOrDefault("details", ""))
                .as(inv.toString())
                .contains(msgPart);
    }

    @Test
    void versionStatusGcAndTheAgentSocket() {
        CniHarness.Invocation v = h.invoke("brindle", "VERSION", "{\"cniVersion\":\"1.1.0\"}", "", "dummy", "");
        assertThat(v.json()).containsEntry("cniVersion", "1.1.0");
        assertThat(JsonValues.array(v.json(), "supportedVersions"))
                .containsExactly("0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");
        String conf = h.conf("1.1.0", SUBNET, ",\"cni.dev/valid-attachments\":[]");
        assertThat(h.invoke("brindle", "STATUS", conf, "", "", "").exit()).isZero();
        CniHarness.Invocation gc = h.invoke("brindle", "GC", conf, "", "", "");
        assertThat(gc.exit()).as(gc.toString()).isZero();
        assertThat(gc.stdout()).isEmpty();

        String agentConf = "{\"cniVersion\":\"1.1.0\",\"name\":\"n\",\"type\":\"brindle\",\"agent_socket\":\""
                + h.dir.resolve("agent.sock") + "\",\"ipam\":{\"type\":\"brindle-ipam\"}}";
        assertCode(h.invoke("brindle", "STATUS", agentConf, "", "", ""), 50, "agent.sock");
        Namespace pod = h.pod("agent");
        assertCode(brindle("ADD", agentConf, "c1", pod, "p"), 11, "agent.sock");
        assertCode(h.invoke("brindle-ipam", "ADD", agentConf, "c1", pod.path().toString(), ""), 11, "agent.sock");
        assertThat(links(pod, "eth")).isEmpty();
    }

    @Test
    void logsGoToStderrAndTheLogFileNeverToStdout() throws Exception {
        Namespace pod = h.pod("log");
        Path log = h.dir.resolve("logs/cni.log");
        String conf = h.conf("1.0.0", SUBNET, ",\"log_level\":\"debug\",\"log_file_path\":\"" + log + "\"");
        CniHarness.Invocation add = brindle("ADD", conf, "clog", pod, "log");
        assertThat(add.exit()).isZero();
        assertThat(add.stdout()).startsWith("{").doesNotContain("\n");
        assertThat(add.stderr()).contains("ADD brindle-it clog");
        assertThat(Files.readString(log)).contains("ADD brindle-it clog");
        assertThat(brindle("DEL", conf, "clog", pod, "log").exit()).isZero();
    }
}
