package dev.brindle.datastore.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.core.IpPrefix;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IPAMBlockTest {
    private final IpPrefix cidr = IpPrefix.parse("10.244.1.192/26");

    @Test
    void namesFollowCalico() {
        assertThat(IPAMBlock.nameFor(cidr)).isEqualTo("10-244-1-192-26");
        assertThat(IPAMBlock.nameFor(IpPrefix.parse("fd00::40/122"))).isEqualTo("fd00--40-122");
        assertThat(BlockAffinity.nameFor("node-1", cidr)).isEqualTo("node-1-10-244-1-192-26");
        String longNode = "n".repeat(250);
        String name = BlockAffinity.nameFor(longNode, cidr);
        assertThat(name).hasSizeLessThan(253).endsWith("-10-244-1-192-26");
        assertThat(name).isNotEqualTo(BlockAffinity.nameFor("n".repeat(249) + "m", cidr));
        assertThat(IPAMHandle.nameFor("K8s-Pod-Network.ABC")).isEqualTo("k8s-pod-network.abc");
    }

    @Test
    void emptyBlockHasEveryOrdinalFreeInOrder() {
        IPAMBlock b = IPAMBlock.empty(cidr, "node-1", 1, Instant.EPOCH);
        assertThat(b.spec().unallocated())
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 64).boxed().toList());
        assertThat(b.spec().empty()).isTrue();
        assertThat(b.spec().affinity()).isEqualTo("host:node-1");
    }

    @Test
    void inconsistentFreeListIsRefused() {
        IPAMBlock b = IPAMBlock.empty(cidr, "node-1", 1, Instant.EPOCH);
        List<Integer> allocations = new ArrayList<>(b.spec().allocations());
        allocations.set(0, 0);
        var attrs = List.of(new IPAMBlock.Attribute("net.c1", Map.of("node", "node-1")));
        // Ordinal 0 is allocated but still listed as free.
        assertThatThrownBy(() -> new IPAMBlock.Spec(
                        cidr, "host:node-1", null, allocations, b.spec().unallocated(), attrs, 2, Map.of(), false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("spec.unallocated[0]: must be a free ordinal listed once, got 0");
        // Fixed: ordinal 0 out of the free list.
        var ok = new IPAMBlock.Spec(
                cidr,
                "host:node-1",
                null,
                allocations,
                b.spec().unallocated().subList(1, 64),
                attrs,
                2,
                Map.of("0", 2L),
                false);
        assertThat(ok.freeCount()).isEqualTo(63);
        assertThatThrownBy(() -> new IPAMBlock.Spec(
                        cidr, null, null, allocations.subList(0, 10), List.of(), attrs, 1, Map.of(), false))
                .hasMessageContaining("spec.allocations: must have one entry per address of 10.244.1.192/26 (64)");
    }

    @Test
    void ipamConfigCrossFieldRules() {
        assertThat(IPAMConfig.defaults().spec().autoAllocateBlocks()).isTrue();
        assertThat(IPAMConfig.defaults().spec().effectiveMaxBlocksPerHost()).isEqualTo(20);
        assertThatThrownBy(() -> new IPAMConfig.Spec(false, 0, false)).hasMessageContaining("spec.autoAllocateBlocks");
        assertThatThrownBy(() -> new IPAMConfig.Spec(false, 4, true))
                .hasMessageContaining("spec.maxBlocksPerHost: needs strictAffinity");
    }

    @Test
    void bgpPeerEndpoints() {
        var p = new BGPPeer.Spec(null, null, "[fd00::1]:1179", 65000, null, null);
        assertThat(p.endpoint().port()).isEqualTo(1179);
        assertThat(new BGPPeer.Spec("n1", null, "10.0.0.1", 65000, null, null)
                        .endpoint()
                        .port())
                .isEqualTo(179);
        assertThatThrownBy(() -> new BGPPeer.Spec(null, null, "10.0.0.1:99999", 65000, null, null))
                .hasMessageContaining("spec.peerIP");
        assertThatThrownBy(() -> new BGPPeer.Spec(null, null, "10.0.0.1", 0, null, null))
                .hasMessageContaining("spec.asNumber");
    }
}
