package dev.brindle.datastore.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.datastore.resource.Node;
import dev.brindle.datastore.resource.Resource;
import java.nio.charset.StandardCharsets;
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

    /**
     * The journal's form takes the entries of a block's attributes and a Node's attachments from {@link
     * EncodedFragments} once they were encoded: the bytes must be those written without it, the first time and after.
     */
    @Test
    void theJournalsFormIsTheSameBytesWithEntriesEncodedBefore() throws Exception {
        String awkward = "a \"quoted\"\tvalue\\ é ✓ \u2028";
        List<IPAMBlock.Attribute> attributes = List.of(
                new IPAMBlock.Attribute("k8s.a", Map.of("pod", awkward, "namespace", "default", "empty", "")),
                new IPAMBlock.Attribute("k8s.b", Map.of()),
                new IPAMBlock.Attribute(null, Map.of("type", "ipipTunnelAddress")));
        IPAMBlock empty = IPAMBlock.empty(IpPrefix.parse("10.244.1.0/29"), "node-a", 7, Instant.EPOCH);
        IPAMBlock block = empty.withSpec(new IPAMBlock.Spec(
                empty.spec().cidr(),
                empty.spec().affinity(),
                empty.spec().affinityClaimTime(),
                java.util.Arrays.asList(0, null, 1, 2, null, null, null, null),
                List.of(4, 5, 6, 7, 1),
                attributes,
                10,
                Map.of("0", 7L, "2", 8L, "3", 9L),
                false));
        Node node = new Node(
                Metadata.named("node-a"),
                new Node.Spec(
                        AddressWithPrefix.parse("192.0.2.1/24"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(
                                new Node.Attachment("k8s.a", "a", "eth0", "default", awkward),
                                new Node.Attachment("k8s.b", null, null, null, null))));
        for (Resource r : List.<Resource>of(block, node, block, node)) {
            var mapper = ResourceCodec.mapper();
            byte[] plain = mapper.writeValueAsBytes(mapper.readTree(ResourceCodec.toJson(r)));
            assertThat(new String(ResourceCodec.toCompactJson(r), StandardCharsets.UTF_8))
                    .as("%s %s", r.kind(), r.name())
                    .isEqualTo(new String(plain, StandardCharsets.UTF_8));
            assertThat(ResourceCodec.fromJson(ResourceCodec.toCompactJson(r), "line"))
                    .isEqualTo(r);
        }
        // An equal entry in another object is the same fragment; a changed one is not.
        IPAMBlock.Attribute changed = new IPAMBlock.Attribute("k8s.a", Map.of("pod", "other"));
        IPAMBlock edited = block.withSpec(new IPAMBlock.Spec(
                block.spec().cidr(),
                block.spec().affinity(),
                block.spec().affinityClaimTime(),
                block.spec().allocations(),
                block.spec().unallocated(),
                List.of(changed, attributes.get(1), attributes.get(2)),
                11,
                block.spec().sequenceNumberForAllocation(),
                false));
        assertThat(ResourceCodec.fromJson(ResourceCodec.toCompactJson(edited), "line"))
                .isEqualTo(edited);
    }
}
