package dev.brindle.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPAMConfig;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.datastore.resource.Node;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatastoreIpamStoreTest {
    private final Datastore ds = Datastores.inMemory();
    private final DatastoreIpamStore store = new DatastoreIpamStore(ds);
    private final Allocator alloc = new Allocator(store, Clock.systemUTC());

    static IPPool pool(String name, String cidr, int blockSize, String selector) {
        return new IPPool(
                Metadata.named(name),
                new IPPool.Spec(
                        IpPrefix.parse(cidr),
                        blockSize,
                        null,
                        null,
                        false,
                        false,
                        false,
                        dev.brindle.datastore.selector.Selector.parse(selector),
                        null,
                        null));
    }

    private AddressWithPrefix assign(String node, String handle) {
        return alloc.assign(Fixtures.request(node, handle, 1)).get(0);
    }

    @Test
    void allocationsLandAsIpamBlockAffinityAndHandleResources() {
        ds.create(pool("default", "10.244.0.0/16", 26, ""));
        AddressWithPrefix a = assign("n1", "k8s.c1");
        IPAMBlock block =
                ds.get(Kind.IPAM_BLOCK, IPAMBlock.nameFor(a.network())).orElseThrow();
        assertThat(block.spec().affinity()).isEqualTo("host:n1");
        assertThat(block.spec().allocations().get(0)).isEqualTo(0);
        assertThat(block.spec().attributes().get(0).handleID()).isEqualTo("k8s.c1");
        assertThat(block.spec().sequenceNumberForAllocation()).containsKey("0");
        assertThat(ds.list(Kind.BLOCK_AFFINITY))
                .singleElement()
                .satisfies(aff -> assertThat(aff.spec().state().name()).isEqualTo("confirmed"));
        assertThat(ds.list(Kind.IPAM_HANDLE))
                .singleElement()
                .satisfies(h ->
                        assertThat(h.spec().block()).containsEntry(a.network().toString(), 1));
        assertThat(alloc.releaseHandle("k8s.c1"))
                .containsExactly("10.244." + a.address().getHostAddress().substring("10.244.".length()));
        assertThat(ds.list(Kind.IPAM_HANDLE)).isEmpty();
    }

    @Test
    void blockRoundTripsThroughTheResource() {
        Block b = Block.claimed(IpPrefix.parse("10.1.0.0/28"), "n1", java.time.Instant.EPOCH, 5)
                .assign(3, new AllocationAttributes("h", Map.of("node", "n1")))
                .block()
                .release(List.of(1), Map.of())
                .block();
        Block back = ResourceMapping.block(ResourceMapping.block(b, 0));
        assertThat(back.unallocated()).containsExactly(b.unallocated());
        assertThat(back.allocations()).containsExactly(b.allocations());
        assertThat(back.allocationSequence()).containsExactly(b.allocationSequence());
        assertThat(back.attributes()).isEqualTo(b.attributes());
        assertThat(back.sequenceNumber()).isEqualTo(b.sequenceNumber());
    }

    @Test
    void nodeSelectorUsesTheNodesLabels() {
        ds.create(pool("rack1", "10.1.0.0/16", 26, "rack == 'one'"));
        ds.create(pool("rack2", "10.2.0.0/16", 26, "rack == 'two'"));
        ds.create(new Node(
                Metadata.named("n1").withLabels(Map.of("rack", "two")),
                Node.of("n1", null).spec()));
        assertThat(IpPrefix.parse("10.2.0.0/16").contains(assign("n1", "k8s.a").address()))
                .isTrue();
        assertThatThrownBy(() -> alloc.assign(new AssignRequest(
                        "n1",
                        IpFamily.V6,
                        1,
                        new AllocationAttributes("k8s.b", Map.of()),
                        IntendedUse.WORKLOAD,
                        List.of())))
                .hasMessageContaining("no configured IP pools for node n1");
    }

    @Test
    void ipamConfigStrictAffinityStopsBorrowing() {
        ds.create(pool("tiny", "10.3.0.0/30", 30, ""));
        assign("n1", "k8s.a");
        ds.create(new IPAMConfig(Metadata.named(IPAMConfig.NAME), new IPAMConfig.Spec(true, 0, true)));
        assertThatThrownBy(() -> assign("n2", "k8s.b")).isInstanceOf(IpamException.class);
    }
}
