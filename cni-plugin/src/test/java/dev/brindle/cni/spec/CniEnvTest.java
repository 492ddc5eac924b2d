package dev.brindle.cni.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CniEnvTest {

    @Test
    void emptyValuesCountAsUnset() {
        var env = CniEnv.from(Map.of(
                "CNI_COMMAND",
                "DEL",
                "CNI_CONTAINERID",
                "c1",
                "CNI_NETNS",
                "",
                "CNI_IFNAME",
                "eth0",
                "CNI_ARGS",
                "",
                "CNI_PATH",
                "/a::/b"));
        env.require();
        assertThat(env.netns()).isEmpty();
        assertThat(env.path()).containsExactly("/a", "/b");
    }

    @Test
    void addNamesEveryMissingVariable() {
        var env = CniEnv.from(Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "", "CNI_NETNS", ""));
        assertThatThrownBy(env::require)
                .isInstanceOfSatisfying(
                        CniError.class, e -> assertThat(e.code()).isEqualTo(4))
                .hasMessage("required env variables [CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME] missing");
    }

    @Test
    void delDoesNotNeedTheNetns() {
        CniEnv.from(Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", "c1", "CNI_IFNAME", "eth0"))
                .require();
    }

    @Test
    void refusesBadIdsNamesAndCommands() {
        assertThatThrownBy(() -> CniEnv.from(Map.of(
                                "CNI_COMMAND", "ADD", "CNI_CONTAINERID", "-x", "CNI_NETNS", "/n", "CNI_IFNAME", "eth0"))
                        .require())
                .hasMessageContaining("invalid CNI_CONTAINERID");
        assertThatThrownBy(() -> CniEnv.from(Map.of(
                                "CNI_COMMAND",
                                "ADD",
                                "CNI_CONTAINERID",
                                "c",
                                "CNI_NETNS",
                                "/n",
                                "CNI_IFNAME",
                                "a-very-long-name0"))
                        .require())
                .hasMessageContaining("invalid CNI_IFNAME");
        assertThatThrownBy(() -> CniEnv.from(Map.of("CNI_COMMAND", "FROB")))
                .hasMessageContaining("unknown CNI_COMMAND");
        assertThatThrownBy(() -> CniEnv.from(Map.of())).hasMessageContaining("[CNI_COMMAND]");
    }

    @Test
    void argsForADelegateCarryIgnoreUnknown() {
        assertThat(CniArgs.parse("K8S_POD_NAME=p").forDelegate()).isEqualTo("IgnoreUnknown=1;K8S_POD_NAME=p");
        assertThat(CniArgs.parse("").forDelegate()).isEqualTo("IgnoreUnknown=1");
        assertThat(CniArgs.parse("IgnoreUnknown=1;A=b").forDelegate()).isEqualTo("IgnoreUnknown=1;A=b");
        assertThatThrownBy(() -> CniArgs.parse("novalue")).hasMessageContaining("KEY=VALUE");
    }
}
