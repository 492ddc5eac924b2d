package dev.brindle.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.brindle.core.IpPrefix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The mock API server applies no schema, so the schema's constraints are checked here by reading the committed CRD
 * YAML: what the validator refuses and a schema can express (enums, ranges, patterns, CEL rules) must be in it.
 */
class CrdSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode crd(String plural) throws IOException {
        return YAML.readTree(CrdManifestsTest.COMMITTED
                .resolve(plural + ".brindle.dev-v1.yml")
                .toFile());
    }

    private static JsonNode spec(JsonNode crd) {
        return crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    }

    private static List<String> texts(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void everyCrdIsClusterScopedInBrindleDevV1() throws IOException {
        for (Path p : CrdManifestsTest.yamlFiles(CrdManifestsTest.COMMITTED)) {
            JsonNode crd = YAML.readTree(p.toFile());
            assertThat(crd.at("/spec/group").asText()).isEqualTo("brindle.dev");
            assertThat(crd.at("/spec/scope").asText()).as("%s", p).isEqualTo("Cluster");
            assertThat(crd.at("/spec/versions/0/name").asText()).isEqualTo("v1");
        }
    }

    @Test
    void ipPoolSchemaCarriesTheValidatorsRules() throws IOException {
        JsonNode spec = spec(crd("ippools"));
        JsonNode props = spec.get("properties");

        for (String mode : List.of("ipipMode", "vxlanMode")) {
            assertThat(texts(props.at("/" + mode + "/enum")))
                    .containsExactlyInAnyOrder("Never", "Always", "CrossSubnet");
        }
        assertThat(texts(props.at("/assignmentMode/enum"))).containsExactlyInAnyOrder("Automatic", "Manual");
        assertThat(texts(props.at("/allowedUses/items/enum"))).containsExactlyInAnyOrder("Workload", "Tunnel");
        assertThat(props.at("/blockSize/minimum").asInt()).isEqualTo(20);
        assertThat(props.at("/blockSize/maximum").asInt()).isEqualTo(128);
        assertThat(props.at("/cidr/type").asText()).isEqualTo("string");
        assertThat(props.at("/cidr/maxLength").asInt()).isEqualTo(48);
        assertThat(props.at("/nodeSelector/maxLength").asInt()).isEqualTo(1024);
        assertThat(texts(spec.get("required"))).contains("cidr");
        var messages = new ArrayList<String>();
        spec.get("x-kubernetes-validations")
                .forEach(v -> messages.add(v.get("message").asText()));
        assertThat(messages)
                .contains(
                        "cidr is immutable",
                        "blockSize is immutable",
                        "ipipMode and vxlanMode cannot both be enabled",
                        "IPIP is only for IPv4 pools",
                        "blockSize must be 20-32 for IPv4 and 116-128 for IPv6");
    }

    @Test
    void cidrPatternRejectsWhatIsNotACidr() throws IOException {
        for (String plural : List.of("ippools", "ipamblocks", "blockaffinities")) {
            Pattern cidr = Pattern.compile(
                    spec(crd(plural)).at("/properties/cidr/pattern").asText());
            for (String good : List.of("10.244.0.0/16", "192.168.0.0/24", "fd00:10::/48", "2001::00/64")) {
                assertThat(cidr.matcher(good).find())
                        .as("%s accepts %s", plural, good)
                        .isTrue();
                IpPrefix.parse(good);
            }
            for (String bad : List.of("not-a-cidr", "10.0.0.0", "10.0.0.0/", "fd00::", "10.0.0.0/16 x")) {
                assertThat(cidr.matcher(bad).find())
                        .as("%s refuses %s", plural, bad)
                        .isFalse();
            }
        }
    }
}
