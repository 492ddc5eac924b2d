package dev.brindle.cni.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.cni.dataplane.FakeKernel;
import dev.brindle.cni.json.JsonReader;
import dev.brindle.cni.spec.CniError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's side of brindle-shim: what it runs, what it declines, and what the caller gets back. */
class HostedCniTest {
    private static final String OWN_NETNS = "4:4026531840";

    @TempDir
    Path dir;

    private final FakeKernel kernel = new FakeKernel();
    private final List<Map<String, Object>> ipamRequests = new ArrayList<>();
    private int kernelsOpened;
    private boolean ipamDown;
    private boolean mayWirePods = true;
    private Path podNetns;
    private HostedCni hosted;

    @BeforeEach
    void setUp() throws IOException {
        podNetns = Files.createFile(dir.resolve("pod1"));
        kernel.addNamespace(podNetns.toString());
        hosted = hosted();
    }

    private HostedCni hosted() {
        return new HostedCni(
                () -> {
                    kernelsOpened++;
                    return kernel;
                },
                request -> {
                    ipamRequests.add(request);
                    if (ipamDown) {
                        throw new CniError(CniError.TRY_AGAIN_LATER, "datastore not in sync");
                    }
                    return JsonReader.parseObject(
                            "{\"ok\":true,\"ips\":[{\"address\":\"10.244.1.5/26\",\"version\":\"4\"}],\"mtu\":1440}");
                },
                () -> 1450,
                OWN_NETNS,
                mayWirePods);
    }

    private String conf(String extra) {
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"k8s-pod-network\",\"type\":\"brindle\","
                + "\"ipam\":{\"type\":\"brindle-ipam\"}" + extra + "}";
    }

    private Map<String, Object> call(String command, String stdin, String netnsId) {
        return call(command, stdin, netnsId, NetnsIdentity.ofPathOrEmpty(podNetns.toString()));
    }

    private Map<String, Object> call(String command, String stdin, String netnsId, String podNetnsId) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "c0ffee");
        env.put("CNI_NETNS", podNetns.toString());
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", "K8S_POD_NAMESPACE=default;K8S_POD_NAME=web");
        env.put("CNI_PATH", "/usr/lib/cni");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "cni");
        request.put("netns", netnsId);
        request.put("podNetns", podNetnsId);
        request.put("env", env);
        request.put("stdin", stdin);
        return hosted.answer(request);
    }

    @Test
    void anAddRunsThePluginWithTheAgentsIpamAndReturnsItsOutput() throws IOException {
        Path log = dir.resolve("logs/cni.log");
        Map<String, Object> answer = call("ADD", conf(",\"log_file_path\":\"" + log + "\""), OWN_NETNS);

        assertThat(answer).containsEntry("ok", true).containsEntry("exit", 0L).doesNotContainKey("fallback");
        Map<String, Object> result = JsonReader.parseObject(((String) answer.get("stdout")).strip());
        assertThat(result.toString()).contains("10.244.1.5/32");
        assertThat(kernel.hostNs().links.values())
                .singleElement()
                .satisfies(l -> assertThat(l.mtu())
                        .as("the MTU the agent's assign answered")
                        .isEqualTo(1440));
        assertThat(ipamRequests)
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("op", "assign")
                        .containsEntry("handle", "k8s-pod-network.c0ffee")
                        .containsEntry("pod", "web"));
        assertThat((String) answer.get("stderr")).contains("ADD k8s-pod-network c0ffee: exit 0");
        assertThat(Files.readString(log)).contains("ADD k8s-pod-network c0ffee: exit 0 (served by the node agent)");
        assertThat(kernelsOpened).isEqualTo(1);
    }

    @Test
    void aFailedAddAnswersTheSpecErrorAndLeavesNothing() {
        ipamDown = true;
        Map<String, Object> answer = call("ADD", conf(""), OWN_NETNS);

        assertThat(answer).containsEntry("ok", true).containsEntry("exit", 1L);
        assertThat(JsonReader.parseObject(((String) answer.get("stdout")).strip()))
                .containsEntry("code", 11L)
                .containsEntry("cniVersion", "1.0.0");
        assertThat((String) answer.get("stderr"))
                .contains("brindle: error 11")
                .contains("ERROR brindle-node - ADD k8s-pod-network c0ffee: exit 1");
        assertThat(kernel.hostNs().links).isEmpty();
    }

    @Test
    void logLevelErrorKeepsOnlyFailedCalls() {
        Map<String, Object> answer = call("ADD", conf(",\"log_level\":\"error\""), OWN_NETNS);
        assertThat(answer).containsEntry("exit", 0L).containsEntry("stderr", "");
    }

    @Test
    void aCallerInAnotherNetworkNamespaceIsSentToTheJvmPlugin() {
        Map<String, Object> answer = call("ADD", conf(""), "4:4026532999");
        assertThat(answer).containsEntry("ok", true).containsEntry("fallback", true);
        assertThat((String) answer.get("reason")).contains("4:4026532999").contains(OWN_NETNS);
        assertThat(ipamRequests).isEmpty();
        assertThat(kernelsOpened).isZero();
    }

    @Test
    void aNetnsPathThatNamesAnotherFileForTheAgentIsSentToTheJvmPlugin() {
        Map<String, Object> answer = call("ADD", conf(""), OWN_NETNS, "4:4026532777");
        assertThat(answer).containsEntry("fallback", true);
        assertThat((String) answer.get("reason")).contains("file 4:4026532777 for the caller");

        Map<String, Object> missing = call("ADD", conf(""), OWN_NETNS, "");
        assertThat((String) missing.get("reason")).contains("missing for the caller");
        assertThat(kernelsOpened).isZero();
    }

    @Test
    void aDelAfterTheNetnsWentIsRunWhenNeitherSideSeesIt() throws IOException {
        assertThat(call("ADD", conf(""), OWN_NETNS)).containsEntry("exit", 0L);
        Files.delete(podNetns);
        kernel.removeNamespace(podNetns.toString());
        Map<String, Object> answer = call("DEL", conf(""), OWN_NETNS, "");
        assertThat(answer).containsEntry("exit", 0L).doesNotContainKey("fallback");
        assertThat(ipamRequests).extracting(r -> r.get("op")).containsExactly("assign", "release");
    }

    @Test
    void anAgentWithoutCapSysAdminDeclines() {
        mayWirePods = false;
        hosted = hosted();
        Map<String, Object> answer = call("ADD", conf(""), OWN_NETNS);
        assertThat(answer).containsEntry("fallback", true);
        assertThat((String) answer.get("reason")).contains("CAP_SYS_ADMIN");
    }

    @Test
    void aMalformedRequestIsDeclinedNotRun() {
        assertThat(hosted.answer(Map.of("op", "cni", "netns", OWN_NETNS, "podNetns", "", "stdin", "{}")))
                .containsEntry("fallback", true);
        assertThat(hosted.answer(
                        Map.of("op", "cni", "netns", OWN_NETNS, "env", Map.of("CNI_COMMAND", 5L), "stdin", "")))
                .containsEntry("fallback", true);
        assertThat(kernelsOpened).isZero();
    }

    @Test
    void ownNamespaceIdentityMatchesStat() {
        assertThat(NetnsIdentity.ofSelf()).matches("\\d+:\\d+");
        assertThat(NetnsIdentity.ofSelf()).isEqualTo(NetnsIdentity.of(Path.of("/proc/thread-self/ns/net")));
        assertThat(NetnsIdentity.ofPathOrEmpty("")).isEmpty();
        assertThat(NetnsIdentity.ofPathOrEmpty(dir.resolve("nothing").toString()))
                .isEmpty();
    }
}
