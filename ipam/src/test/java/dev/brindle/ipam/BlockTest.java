package dev.brindle.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockTest {
    private static final AllocationAttributes A = new AllocationAttributes("net.a", Map.of("node", "n1"));
    private static final AllocationAttributes B = new AllocationAttributes("net.b", Map.of("node", "n1"));

    private static Block fresh() {
        return Block.claimed(IpPrefix.parse("10.0.0.64/26"), "n1", Instant.EPOCH, 7);
    }

    @Test
    void firstAllocationIsTheNetworkAddress() {
        Block.Assigned got = fresh().assign(2, A);
        assertThat(got.addresses()).extracting(IpAddresses::format).containsExactly("10.0.0.64", "10.0.0.65");
        assertThat(got.block().usedCount()).isEqualTo(2);
        assertThat(got.block().sequenceNumber()).isEqualTo(8);
    }

    @Test
    void releasedOrdinalsGoToTheTailOfTheFreeList() {
        Block b = fresh().assign(3, A).block();
        b = b.release(List.of(1, 0), Map.of()).block();
        int[] free = b.unallocated();
        assertThat(free[0]).isEqualTo(3);
        assertThat(free[free.length - 2]).isEqualTo(1);
        assertThat(free[free.length - 1]).isEqualTo(0);
    }

    @Test
    void staleSequenceNumberDoesNotFreeAReallocatedAddress() {
        Block b = fresh().assign(64, A).block();
        long oldSeq = b.sequenceOf(5);
        b = b.release(List.of(5), Map.of()).block();
        b = b.assign(1, B).block();
        assertThat(b.holder(5)).contains(B);
        Block.Released stale = b.release(List.of(5), Map.of(5, oldSeq));
        assertThat(stale.ordinals()).isEmpty();
        assertThat(stale.block().holder(5)).contains(B);
    }

    @Test
    void releaseByHandleFreesOnlyThatHandleAndCompactsAttributes() {
        Block b = fresh().assign(2, A).block().assign(2, B).block();
        Block.Released r = b.releaseHandle("net.a");
        assertThat(r.ordinals()).containsExactly(0, 1);
        assertThat(r.block().attributes()).containsExactly(B);
        assertThat(r.block().ordinalsOf("net.b")).containsExactly(2, 3);
    }

    @Test
    void refusesAFreeListThatDisagreesWithAllocations() {
        int[] alloc = new int[4];
        java.util.Arrays.fill(alloc, -1);
        assertThatThrownBy(() -> new Block(
                        IpPrefix.parse("10.0.0.0/30"),
                        null,
                        null,
                        alloc,
                        new int[] {0, 1, 2},
                        List.of(),
                        1,
                        new long[4]))
                .hasMessageContaining("ordinal 3 is free but missing from unallocated");
    }
}
