package dev.brindle.datastore.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both forms, the journal's compact line and the indented document, read back as the resource they were written from. */
class ResourceCodecTest {
    @Test
    void theCompactAndTheIndentedFormsReadBackAsTheSameResource() {
        String awkward = "a \"quoted\"\tvalue\\ with \n newline, { braces } : [ and ] unicode é ✓ ";
        List<Resource> resources = List.of(
                IPPool.of("pool", "10.244.0.0/16"),
                IPAMHandle.of("k8s.pod", Map.of()),
                IPAMHandle.of("k8s.pod2", Map.of("10.244.0.0/26", 3)),
                IPAMBlock.empty(IpPrefix.parse("10.244.1.0/26"), "node-a", 7, Instant.EPOCH),
                IPPool.of("annotated", "10.1.0.0/16")
                        .withMetadata(IPPool.of("annotated", "10.1.0.0/16")
                                .metadata()
                                .withAnnotations(Map.of("note", awkward, "empty", "", "sp ace", "  "))
                                .withLabels(Map.of("node-role.kubernetes.io/control-plane", ""))));
        for (Resource r : resources) {
            byte[] line = ResourceCodec.toCompactJson(r);
            assertThat(line).as("%s %s on one line", r.kind(), r.name()).doesNotContain((byte) '\n');
            assertThat(ResourceCodec.fromJson(line, "line"))
                    .as("%s %s", r.kind(), r.name())
                    .isEqualTo(r);
            assertThat(ResourceCodec.fromJson(ResourceCodec.toJson(r), "document"))
                    .as("%s %s", r.kind(), r.name())
                    .isEqualTo(r);
        }
    }
}
