package dev.brindle.cni.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.cni.spec.CniArgs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class VethNameTest {

    @Test
    void matchesCalicosTestVector() {
        // libcalico-go conversion_test.go: sha1("namespace.podname") starts 82111e10a96.
        assertThat(VethName.forPod("cali", "namespace", "podname")).isEqualTo("cali82111e10a96");
        assertThat(VethName.forPod("brl", "namespace", "podname")).isEqualTo("brl82111e10a96");
    }

    @Test
    void usesThePodFormOnlyWithBothKubernetesArgs() {
        var k8s = CniArgs.parse("IgnoreUnknown=1;K8S_POD_NAMESPACE=namespace;K8S_POD_NAME=podname");
        assertThat(VethName.of("brl", k8s, "abcdef0123456789")).isEqualTo("brl82111e10a96");
        var podman = CniArgs.parse("IgnoreUnknown=1;K8S_POD_NAME=web");
        assertThat(VethName.of("brl", podman, "abcdef0123456789")).isEqualTo("brlabcdef01234");
        assertThat(VethName.of("brl", CniArgs.parse(""), "short")).isEqualTo("brlshort");
    }

    @Property
    void handWrittenSha1AgreesWithTheJdk(@ForAll @StringLength(max = 200) String text) throws Exception {
        String jdk = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(Sha1.hex(text)).isEqualTo(jdk);
    }
}
