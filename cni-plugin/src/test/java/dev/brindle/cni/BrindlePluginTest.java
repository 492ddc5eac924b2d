package dev.brindle.cni;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.cni.dataplane.FakeKernel;
import dev.brindle.cni.dataplane.RouteSpec;
import dev.brindle.cni.json.JsonReader;
import dev.brindle.cni.json.JsonValues;
import dev.brindle.cni.spec.CniRunner;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.core.MacAddress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plugin's flows, driven through the CNI protocol runner, against an in-memory kernel and IPAM. */
class BrindlePluginTest {
    private static final String NS = "/run/netns/pod1";
    private static final String VETH = "brl82111e10a96"; // sha1("namespace.podname")
    private final FakeKernel kernel = new FakeKernel();
    private final FakeIpam ipam = new FakeIpam();
    private final CniRunner runner = new CniRunner(new BrindlePlugin(kernel, c -> ipam, c -> 0), c -> {});

    private record Outcome(int rc, String stdout) {
        Map<String, Object> json() {
            return JsonReader.parseObject(stdout);
        }

        long code() {
            return (Long) json().get("code");
        }
    }

    @BeforeEach
    void pod() {
        kernel.addNamespace(NS);
    }

    private static String conf(String version, String extra) {
        return "{\"cniVersion\":\"" + version + "\",\"name\":\"k8s-pod-network\",\"type\":\"brindle\",\"mtu\":1400,"
                + "\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.22.0.0/16\"}" + extra + "}";
    }

    private Outcome run(String command, String stdin, String netns) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "c0ffee0123456789");
        env.put("CNI_NETNS", netns);
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=namespace;K8S_POD_NAME=podname");
        env.put("CNI_PATH", "/usr/lib/cni");
        var out = new ByteArrayOutputStream();
        int rc = runner.run(env, stdin, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new Outcome(rc, out.toString(StandardCharsets.UTF_8).strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"})
    void addProgramsTheContractStateAndPrintsTheResultInTheRequestedVersion(String version) {
        Outcome out = run("ADD", conf(version, ""), NS);
        assertThat(out.rc()).isZero();
        Map<String, Object> result = out.json();
        assertThat(result.get("cniVersion")).isEqualTo(version);
        List<Map<String, Object>> ifaces = JsonValues.objects(result, "interfaces");
        assertThat(ifaces.get(0)).containsEntry("name", VETH).containsEntry("mac", "ee:ee:ee:ee:ee:ee");
        assertThat(ifaces.get(0)).doesNotContainKey("sandbox");
        assertThat(ifaces.get(1)).containsEntry("name", "eth0").containsEntry("sandbox", NS);
        Map<String, Object> ip = JsonValues.objects(result, "ips").get(0);
        assertThat(ip)
                .containsEntry("address", "10.22.0.2/32")
                .containsEntry("interface", 1L)
                .doesNotContainKey("gateway");
        assertThat(ip.containsKey("version")).isEqualTo(version.startsWith("0."));

        var host = kernel.hostNs();
        var pod = (FakeKernel.FakeNs) kernel.open(NS);
        assertThat(host.links.get(VETH).mac()).isEqualTo(MacAddress.EEEE);
        assertThat(host.links.get(VETH).up()).isTrue();
        assertThat(host.links.get(VETH).mtu()).isEqualTo(1400);
        assertThat(host.sysctls)
                .containsEntry("net/ipv4/conf/" + VETH + "/proxy_arp", "1")
                .containsEntry("net/ipv4/conf/" + VETH + "/forwarding", "1")
                .containsEntry("net/ipv4/conf/" + VETH + "/route_localnet", "1")
                .containsEntry("net/ipv4/neigh/" + VETH + "/proxy_delay", "0")
                .containsEntry("net/ipv6/conf/" + VETH + "/accept_ra", "0");
        assertThat(host.routes).containsExactly(RouteSpec.link(IpPrefix.parse("10.22.0.2/32"), VETH));
        assertThat(pod.addresses.get("eth0")).containsExactly(AddressWithPrefix.parse("10.22.0.2/32"));
        assertThat(pod.routes)
                .containsExactly(
                        RouteSpec.link(IpPrefix.parse("169.254.1.1/32"), "eth0"),
                        RouteSpec.via(IpPrefix.parse("0.0.0.0/0"), IpAddresses.parse("169.254.1.1"), "eth0"));
        assertThat(ifaces.get(1))
                .containsEntry("mac", pod.links.get("eth0").mac().toString());
    }

    @Test
    void aRetriedAddLeavesOnePairAndTheSameAddress() {
        assertThat(run("ADD", conf("1.0.0", ""), NS).rc()).isZero();
        Outcome again = run("ADD", conf("1.0.0", ""), NS);
        assertThat(again.rc()).isZero();
        assertThat(kernel.hostNs().links).containsOnlyKeys(VETH);
        assertThat(((FakeKernel.FakeNs) kernel.open(NS)).links).containsOnlyKeys("eth0");
        assertThat(kernel.hostNs().routes).hasSize(1);
        assertThat(again.stdout()).contains("10.22.0.2/32");
    }

    @Test
    void aRetriedAddReleasesFirstWhenTheIpamRefusesDuplicates() {
        ipam.refuseDuplicates = true;
        assertThat(run("ADD", conf("1.0.0", ""), NS).rc()).isZero();
        Outcome again = run("ADD", conf("1.0.0", ""), NS);
        assertThat(again.rc()).as(again.stdout()).isZero();
        assertThat(ipam.dels).isEqualTo(1);
        assertThat(ipam.held).hasSize(1);
        assertThat(kernel.hostNs().links).containsOnlyKeys(VETH);
        assertThat(kernel.hostNs().routes).hasSize(1);
    }

    @Test
    void aStaleHostVethOfAnEarlierSandboxIsReplaced() {
        kernel.addNamespace("/run/netns/old");
        assertThat(run("ADD", conf("1.0.0", ""), "/run/netns/old").rc()).isZero();
        Outcome out = run("ADD", conf("1.0.0", ""), NS);
        assertThat(out.rc()).isZero();
        assertThat(((FakeKernel.FakeNs) kernel.open("/run/netns/old")).links).isEmpty();
        assertThat(((FakeKernel.FakeNs) kernel.open(NS)).links).containsOnlyKeys("eth0");
    }

    @Test
    void delIsIdempotentAndToleratesAMissingNetns() {
        run("ADD", conf("1.0.0", ""), NS);
        assertThat(run("DEL", conf("1.0.0", ""), NS).rc()).isZero();
        assertThat(kernel.hostNs().links).isEmpty();
        assertThat(ipam.held).isEmpty();
        assertThat(run("DEL", conf("1.0.0", ""), NS).rc()).isZero();
        assertThat(run("DEL", conf("1.0.0", ""), "").rc()).isZero();
        kernel.removeNamespace(NS);
        assertThat(run("DEL", conf("1.0.0", ""), NS).rc()).isZero();
        assertThat(ipam.dels).isEqualTo(4);
    }

    @Test
    void aFailureHalfWayLeavesNothingBehind() {
        kernel.failAddressOn = "eth0";
        Outcome out = run("ADD", conf("1.0.0", ""), NS);
        assertThat(out.rc()).isEqualTo(1);
        assertThat(out.code()).isEqualTo(999);
        assertThat(out.json().get("msg").toString()).contains("injected failure");
        assertThat(kernel.hostNs().links).isEmpty();
        assertThat(((FakeKernel.FakeNs) kernel.open(NS)).links).isEmpty();
        assertThat(ipam.held).isEmpty();
    }

    @Test
    void aFailedIpamAddIsReleasedAndKeepsItsCode() {
        ipam.failAdd = true;
        Outcome out = run("ADD", conf("1.1.0", ""), NS);
        assertThat(out.code()).isEqualTo(11);
        assertThat(out.json()).containsEntry("cniVersion", "1.1.0");
        assertThat(ipam.dels).isEqualTo(1);
        assertThat(kernel.hostNs().links).isEmpty();
    }

    @Test
    void badInputsGetTheSpecsCodes() {
        assertThat(run("ADD", "{not json", NS).code()).isEqualTo(6);
        assertThat(run("ADD", conf("9.9.9", ""), NS).code()).isEqualTo(1);
        assertThat(run("ADD", conf("0.2.0", ""), NS).code()).isEqualTo(1);
        assertThat(run("ADD", "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"brindle\"}", NS)
                        .code())
                .isEqualTo(7);
        assertThat(run("ADD", conf("1.0.0", ",\"mtu\":\"big\""), NS).code()).isEqualTo(7);
        assertThat(run("ADD", conf("1.0.0", ""), "").code()).isEqualTo(4);
        assertThat(run("ADD", conf("1.0.0", ""), "/notns/etc").code()).isEqualTo(8);
        assertThat(run("ADD", conf("1.0.0", ""), "/run/netns/gone").code()).isEqualTo(8);
        assertThat(run("CHECK", conf("0.3.1", ""), NS).code()).isEqualTo(1);
        assertThat(run("GC", conf("1.0.0", ""), NS).code()).isEqualTo(1);
        assertThat(run("STATUS", conf("1.0.0", ""), NS).code()).isEqualTo(1);
        assertThat(kernel.hostNs().links).isEmpty();
        assertThat(ipam.held).isEmpty();
    }

    @Test
    void checkPassesOnIntactStateAndNamesWhatIsMissing() {
        Outcome add = run("ADD", conf("1.0.0", ""), NS);
        String withPrev = conf("1.0.0", ",\"prevResult\":" + add.stdout());
        assertThat(run("CHECK", withPrev, NS).rc()).isZero();
        kernel.hostNs().sysctls.put("net/ipv4/conf/" + VETH + "/proxy_arp", "0");
        ((FakeKernel.FakeNs) kernel.open(NS)).routes.removeIf(r -> r.gateway().isPresent());
        Outcome broken = run("CHECK", withPrev, NS);
        assertThat(broken.rc()).isEqualTo(1);
        assertThat(broken.json().get("msg").toString())
                .contains("proxy_arp is 0, not 1")
                .contains("route 0.0.0.0/0 via 169.254.1.1 dev eth0 is missing");
        assertThat(run("CHECK", conf("1.0.0", ""), NS).code()).isEqualTo(7);
    }

    @Test
    void addAmendsAPrevResult() {
        String prev = ",\"prevResult\":{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"x\"}],"
                + "\"ips\":[{\"address\":\"192.0.2.1/24\",\"interface\":0}]}";
        Map<String, Object> result = run("ADD", conf("1.0.0", prev), NS).json();
        assertThat(JsonValues.objects(result, "interfaces"))
                .extracting(i -> i.get("name"))
                .containsExactly("x", VETH, "eth0");
        assertThat(JsonValues.objects(result, "ips").get(1)).containsEntry("interface", 2L);
    }

    @Test
    void versionGcAndStatus() {
        Outcome v = run("VERSION", "{\"cniVersion\":\"1.0.0\"}", "dummy");
        assertThat(v.json()).containsEntry("cniVersion", "1.0.0");
        assertThat(JsonValues.array(v.json(), "supportedVersions"))
                .containsExactly("0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");
        run("ADD", conf("1.1.0", ""), NS);
        String gc = conf("1.1.0", ",\"cni.dev/attachments\":[{\"containerID\":\"other\",\"ifname\":\"eth0\"}]");
        assertThat(run("GC", gc, "").stdout()).isEmpty();
        assertThat(ipam.held).isEmpty();
        assertThat(run("STATUS", conf("1.1.0", ""), "").rc()).isZero();
        ipam.failAdd = true;
        assertThat(run("STATUS", conf("1.1.0", ""), "").code()).isEqualTo(50);
        assertThat(Optional.of(ipam.dels)).contains(0);
    }
}
