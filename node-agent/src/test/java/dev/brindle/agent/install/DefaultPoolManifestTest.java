package dev.brindle.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brindle.datastore.json.ManifestReader;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/default-ippool.yml against the IPPool CRD's schema and brindle's own validation. */
class DefaultPoolManifestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JSONSchemaProps ippoolSpecSchema() {
        CustomResourceDefinition crd = (CustomResourceDefinition)
                DeployManifests.parse(DeployManifests.DIR.resolve("crds/ippools.brindle.dev-v1.yml"))
                        .get(0);
        return crd.getSpec()
                .getVersions()
                .get(0)
                .getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("spec");
    }

    @Test
    void theDefaultPoolMatchesTheCrdSchema() {
        List<HasMetadata> docs = DeployManifests.parse(DeployManifests.DIR.resolve("default-ippool.yml"));
        assertThat(docs).singleElement().isInstanceOf(GenericKubernetesResource.class);
        GenericKubernetesResource pool = (GenericKubernetesResource) docs.get(0);
        assertThat(pool.getApiVersion()).isEqualTo("brindle.dev/v1");
        assertThat(pool.getKind()).isEqualTo("IPPool");
        JsonNode spec = JSON.valueToTree(pool.getAdditionalProperties().get("spec"));
        JSONSchemaProps schema = ippoolSpecSchema();
        assertThat(schema.getRequired()).allMatch(spec::has, "required fields present");
        for (Map.Entry<String, JsonNode> field : spec.properties()) {
            JSONSchemaProps prop = schema.getProperties().get(field.getKey());
            assertThat(prop).as("spec." + field.getKey() + " is in the CRD").isNotNull();
            JsonNode v = field.getValue();
            switch (prop.getType()) {
                case "string" -> {
                    assertThat(v.isTextual()).as(field.getKey()).isTrue();
                    if (prop.getPattern() != null) {
                        assertThat(v.asText()).matches(prop.getPattern());
                    }
                }
                case "integer" -> {
                    assertThat(v.isIntegralNumber()).as(field.getKey()).isTrue();
                    assertThat(v.asDouble()).isBetween(prop.getMinimum(), prop.getMaximum());
                }
                case "boolean" -> assertThat(v.isBoolean()).as(field.getKey()).isTrue();
                default -> throw new AssertionError("unexpected schema type " + prop.getType());
            }
            if (prop.getEnum() != null && !prop.getEnum().isEmpty()) {
                assertThat(prop.getEnum().stream().map(JsonNode::asText))
                        .as(field.getKey())
                        .contains(v.asText());
            }
        }
    }

    @Test
    void brindleAcceptsTheDefaultPool() {
        List<Resource> read = ManifestReader.read(DeployManifests.DIR.resolve("default-ippool.yml"));
        assertThat(read).singleElement().isInstanceOfSatisfying(IPPool.class, p -> {
            assertThat(p.name()).isEqualTo("default-ipv4-ippool");
            assertThat(p.spec().blockSize()).isEqualTo(26);
        });
    }
}
