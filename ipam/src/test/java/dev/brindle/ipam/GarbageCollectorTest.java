package dev.brindle.ipam;

import static dev.brindle.ipam.Fixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.lab.junit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest {
    private static final Duration GRACE = Duration.ofMinutes(15);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final InMemoryIpamStore store = Fixtures.store(pool("10.244.0.0/16", 26), "n1", "n2");
    private final Allocator alloc = new Allocator(store, clock);
    private final Set<String> liveHandles = new HashSet<>();
    private final GarbageCollector gc = new GarbageCollector(
            store, alloc, clock, GRACE, () -> (holder, address) -> liveHandles.contains(holder.handle()));

    private AddressWithPrefix pod(String node, String handle) {
        var holder = new AllocationAttributes(
                handle,
                Map.of(AllocationAttributes.NODE, node, AllocationAttributes.CONTAINER_ID, handle.substring(4)));
        return alloc.assign(new AssignRequest(node, IpFamily.V4, 1, holder, IntendedUse.WORKLOAD, List.of()))
                .get(0);
    }

    @Test
    void leakedAllocationIsReleasedOnlyAfterTheGracePeriod() {
        pod("n1", "net.live");
        pod("n1", "net.gone");
        liveHandles.add("net.live");
        assertThat(gc.runOnce("n1").releasedAddresses()).isEmpty();
        clock.advance(GRACE.minusSeconds(1));
        assertThat(gc.runOnce("n1").releasedAddresses()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        GarbageCollector.Report report = gc.runOnce("n1");
        assertThat(report.releasedAddresses()).hasSize(1);
        assertThat(report.releasedHandles()).containsExactly("net.gone");
        assertThat(alloc.addressesOf("net.gone")).isEmpty();
        assertThat(alloc.addressesOf("net.live")).hasSize(1);
    }

    @Test
    void anotherNodesLeaksAreNotThisNodesBusiness() {
        pod("n2", "net.other");
        gc.runOnce("n1");
        clock.advance(GRACE);
        assertThat(gc.runOnce("n1").releasedAddresses()).isEmpty();
        assertThat(alloc.addressesOf("net.other")).hasSize(1);
    }

    @Test
    void tunnelAddressesAreNeverCollected() {
        store.editablePools()
                .set(
                        0,
                        new Pool(
                                "p",
                                IpPrefix.parse("10.244.0.0/16"),
                                26,
                                false,
                                "all()",
                                Set.of(IntendedUse.WORKLOAD, IntendedUse.TUNNEL),
                                false,
                                Pool.Encapsulation.ALWAYS,
                                Pool.Encapsulation.NEVER));
        var tunnel = new TunnelAddresses(alloc, store).ensure("n1", TunnelAddresses.Kind.IPIP);
        assertThat(tunnel).isPresent();
        gc.runOnce("n1");
        clock.advance(GRACE.multipliedBy(2));
        gc.runOnce("n1");
        assertThat(alloc.addressesOf("ipip-tunnel-addr-n1")).hasSize(1);
    }

    @Test
    void emptyBlockLosesItsAffinityAfterTheGracePeriodButNeverTheLastOne() {
        store.editablePools().set(0, pool("10.9.0.0/24", 30));
        AddressWithPrefix keep = pod("n1", "net.a");
        for (int i = 0; i < 4; i++) {
            pod("n1", "net.b" + i);
        }
        liveHandles.add("net.a");
        for (int i = 0; i < 4; i++) {
            alloc.releaseHandle("net.b" + i);
        }
        assertThat(store.affinities("n1")).hasSize(2);
        gc.runOnce("n1");
        clock.advance(GRACE);
        assertThat(gc.runOnce("n1").releasedBlocks()).hasSize(1);
        assertThat(store.affinities("n1")).extracting(a -> a.value().cidr()).containsExactly(keep.network());

        alloc.releaseHandle("net.a");
        gc.runOnce("n1");
        clock.advance(GRACE.multipliedBy(2));
        assertThat(gc.runOnce("n1").releasedBlocks()).isEmpty();
        assertThat(store.affinities("n1")).hasSize(1);
    }

    @Test
    void aBlockUsedInBetweenStartsItsEmptyWaitAgain() {
        store.editablePools().set(0, pool("10.9.0.0/24", 30));
        liveHandles.add("net.a");
        IpPrefix kept = pod("n1", "net.a").network();
        for (int i = 0; i < 4; i++) {
            pod("n1", "net.b" + i);
        }
        for (int i = 0; i < 4; i++) {
            alloc.releaseHandle("net.b" + i);
        }
        IpPrefix emptied = store.affinities("n1").stream()
                .map(a -> a.value().cidr())
                .filter(c -> !c.equals(kept))
                .findFirst()
                .orElseThrow();
        gc.runOnce("n1");
        clock.advance(GRACE.minusMinutes(1));
        alloc.assignAddress("n1", emptied.addressAt(2), new AllocationAttributes("net.c", Map.of()));
        alloc.releaseHandle("net.c");
        clock.advance(Duration.ofMinutes(1));
        assertThat(gc.runOnce("n1").releasedBlocks()).as("used a minute ago").isEmpty();
        clock.advance(GRACE);
        assertThat(gc.runOnce("n1").releasedBlocks()).hasSize(1);
    }

    @Test
    void repairsWhatACrashMidClaimLeaves() throws Exception {
        IpPrefix orphanPending = IpPrefix.parse("10.244.9.0/26");
        store.createAffinity(new Affinity("n1", orphanPending, Affinity.State.PENDING));
        IpPrefix unconfirmed = IpPrefix.parse("10.244.10.0/26");
        store.createBlock(Block.claimed(unconfirmed, "n1", clock.instant(), 1));
        store.createHandle(new Handle("net.ghost", Map.of(unconfirmed, 2)));

        GarbageCollector.Report first = gc.runOnce("n1");
        assertThat(first.repairs()).isEqualTo(1);
        assertThat(store.affinity("n1", unconfirmed).orElseThrow().value().state())
                .isEqualTo(Affinity.State.CONFIRMED);
        assertThat(store.affinity("n1", orphanPending)).isPresent();
        assertThat(store.handle("net.ghost")).isPresent();

        clock.advance(GRACE);
        gc.runOnce("n1");
        assertThat(store.affinity("n1", orphanPending)).isEmpty();
        assertThat(store.handle("net.ghost")).isEmpty();
    }

    @Test
    void cniGcReleasesEveryHandleOfTheNetworkNotListed() {
        pod("n1", "net.keep");
        pod("n1", "net.drop");
        pod("n1", "other.x");
        assertThat(gc.releaseExcept("n1", "net", Set.of("net.keep"))).containsOnlyKeys("net.drop");
        assertThat(alloc.addressesOf("net.drop")).isEmpty();
        assertThat(alloc.addressesOf("net.keep")).hasSize(1);
        assertThat(alloc.addressesOf("other.x")).hasSize(1);
    }
}
