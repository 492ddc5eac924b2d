package dev.brindle.cni.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.cni.spec.CniError;
import dev.brindle.cni.spec.CniVersion;
import org.junit.jupiter.api.Test;

class NetConfTest {
    private static final String BASE = "{\"cniVersion\":\"1.1.0\",\"name\":\"k8s-pod-network\",\"type\":\"brindle\","
            + "\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.0.0.0/24\"}";

    @Test
    void defaultsFollowTheContract() {
        NetConf c = NetConf.parse(BASE + ",\"futureField\":{\"x\":1}}");
        assertThat(c.version()).isEqualTo(CniVersion.V1_1_0);
        assertThat(c.mtu()).isZero();
        assertThat(c.interfacePrefix()).isEqualTo("brl");
        assertThat(c.agentSocket()).isEqualTo("/var/run/brindle/agent.sock");
        assertThat(c.ipam().isBrindle()).isFalse();
        assertThat(c.handle("abc")).isEqualTo("k8s-pod-network.abc");
        assertThat(c.raw()).containsKey("futureField");
    }

    @Test
    void gcReadsBothAttachmentKeysWithoutDuplicates() {
        NetConf c = NetConf.parse(
                BASE + ",\"cni.dev/valid-attachments\":[{\"containerID\":\"a\",\"ifname\":\"eth0\"}],"
                        + "\"cni.dev/attachments\":[{\"containerID\":\"a\",\"ifname\":\"eth0\"},{\"containerID\":\"b\",\"ifname\":\"eth0\"}]}");
        assertThat(c.validAttachments())
                .containsExactly(new NetConf.Attachment("a", "eth0"), new NetConf.Attachment("b", "eth0"));
    }

    @Test
    void invalidFieldsAreCodeSevenAndNameTheField() {
        assertCode(BASE + ",\"interface_prefix\":\"toolong\"}", 7, "interface_prefix");
        assertCode(BASE + ",\"mtu\":20}", 7, "\"mtu\" 20");
        assertCode(BASE.replace("k8s-pod-network", "-bad") + "}", 7, "\"name\"");
        assertCode(BASE.replace("\"host-local\"", "\"../evil\"") + "}", 7, "not a path");
        assertCode(BASE + ",\"prevResult\":{\"ips\":[{\"address\":\"x\"}]}}", 6, "result");
        assertCode("{\"name\":\"n\",\"type\":\"brindle\",\"ipam\":{\"type\":\"x\"}}", 1, "0.1.0");
        assertCode("[1,2]", 6, "object");
    }

    private static void assertCode(String text, int code, String part) {
        assertThatThrownBy(() -> NetConf.parse(text))
                .isInstanceOfSatisfying(
                        CniError.class, e -> assertThat(e.code()).isEqualTo(code))
                .satisfies(e ->
                        assertThat(e.getMessage() + ((CniError) e).details()).contains(part));
    }
}
