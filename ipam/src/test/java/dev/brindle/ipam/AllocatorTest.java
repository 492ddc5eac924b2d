package dev.brindle.ipam;

import static dev.brindle.ipam.Fixtures.pool;
import static dev.brindle.ipam.Fixtures.request;
import static dev.brindle.ipam.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AllocatorTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void firstAssignClaimsABlockAndHandsOutItsNetworkAddress() {
        InMemoryIpamStore store = store(pool("10.244.0.0/16", 26), "n1");
        List<AddressWithPrefix> got = new Allocator(store, clock).assign(request("n1", "net.c1", 1));
        assertThat(got).hasSize(1);
        AddressWithPrefix a = got.get(0);
        assertThat(a.prefixLength()).isEqualTo(26);
        assertThat(a.network().network()).isEqualTo(a.address());
        assertThat(store.affinity("n1", a.network()))
                .get()
                .extracting(v -> v.value().state())
                .isEqualTo(Affinity.State.CONFIRMED);
        assertThat(store.handle("net.c1"))
                .get()
                .extracting(v -> v.value().total())
                .isEqualTo(1);
    }

    @Test
    void secondAssignComesFromTheSameAffineBlock() {
        InMemoryIpamStore store = store(pool("10.244.0.0/16", 26), "n1");
        Allocator alloc = new Allocator(store, clock);
        AddressWithPrefix a = alloc.assign(request("n1", "net.c1", 1)).get(0);
        AddressWithPrefix b = alloc.assign(request("n1", "net.c2", 1)).get(0);
        assertThat(b.network()).isEqualTo(a.network());
        assertThat(store.blocks()).hasSize(1);
    }

    @Test
    void twoNodesGetDifferentBlocks() {
        InMemoryIpamStore store = store(pool("10.244.0.0/16", 26), "n1", "n2");
        Allocator alloc = new Allocator(store, clock);
        AddressWithPrefix a = alloc.assign(request("n1", "net.c1", 1)).get(0);
        AddressWithPrefix b = alloc.assign(request("n2", "net.c2", 1)).get(0);
        assertThat(a.network()).isNotEqualTo(b.network());
    }

    @Test
    void releaseByHandleFreesTheAddressesAndDeletesTheHandle() {
        InMemoryIpamStore store = store(pool("10.244.0.0/16", 26), "n1");
        Allocator alloc = new Allocator(store, clock);
        List<AddressWithPrefix> got = alloc.assign(request("n1", "net.c1", 2));
        List<String> freed = alloc.releaseHandle("net.c1");
        assertThat(freed)
                .containsExactlyInAnyOrderElementsOf(
                        got.stream().map(a -> IpAddresses.format(a.address())).toList());
        assertThat(store.handle("net.c1")).isEmpty();
        assertThat(alloc.releaseHandle("net.c1")).isEmpty();
    }

    @Test
    void noPoolSelectingTheNodeIsAClearError() {
        Pool p = new Pool(
                "rack1",
                IpPrefix.parse("10.1.0.0/16"),
                26,
                false,
                "rack == 'one'",
                Set.of(IntendedUse.WORKLOAD),
                false,
                Pool.Encapsulation.NEVER,
                Pool.Encapsulation.NEVER);
        InMemoryIpamStore store = store(p, "n1");
        assertThatThrownBy(() -> new Allocator(store, clock).assign(request("n1", "net.c1", 1)))
                .isInstanceOf(IpamException.class)
                .hasMessageContaining("no configured IP pools for node n1")
                .extracting(e -> ((IpamException) e).code())
                .isEqualTo(100);
    }

    @Test
    void disabledPoolAndTunnelOnlyPoolAreNotUsedForWorkloads() {
        InMemoryIpamStore store = store(pool("10.244.0.0/16", 26), "n1");
        store.editablePools().clear();
        store.editablePools()
                .add(new Pool(
                        "off",
                        IpPrefix.parse("10.1.0.0/16"),
                        26,
                        true,
                        "",
                        Set.of(IntendedUse.WORKLOAD),
                        false,
                        Pool.Encapsulation.NEVER,
                        Pool.Encapsulation.NEVER));
        store.editablePools()
                .add(new Pool(
                        "tun",
                        IpPrefix.parse("10.2.0.0/16"),
                        26,
                        false,
                        "",
                        Set.of(IntendedUse.TUNNEL),
                        false,
                        Pool.Encapsulation.NEVER,
                        Pool.Encapsulation.NEVER));
        assertThatThrownBy(() -> new Allocator(store, clock).assign(request("n1", "net.c1", 1)))
                .hasMessageContaining("no configured IP pools");
    }

    @Test
    void poolExhaustedIsAClearErrorAndHoldsNothing() {
        InMemoryIpamStore store = store(pool("10.9.0.0/29", 30), "n1");
        Allocator alloc = new Allocator(store, clock);
        alloc.assign(request("n1", "net.a", 6));
        assertThatThrownBy(() -> alloc.assign(request("n1", "net.b", 4)))
                .isInstanceOf(IpamException.class)
                .hasMessageContaining("IPAM allocated only 2")
                .hasMessageContaining("10.9.0.0/29");
        assertThat(store.handle("net.b")).isEmpty();
        assertThat(alloc.assign(request("n1", "net.c", 2))).hasSize(2);
    }

    @Test
    void blockLimitStopsNewClaimsUnderStrictAffinity() {
        InMemoryIpamStore store = store(pool("10.9.0.0/24", 30), "n1");
        store.setSettings(new IpamSettings(true, true, 2));
        Allocator alloc = new Allocator(store, clock);
        alloc.assign(request("n1", "net.a", 8));
        assertThatThrownBy(() -> alloc.assign(request("n1", "net.b", 1)))
                .isInstanceOf(IpamException.class)
                .hasMessageContaining("per host block limit")
                .extracting(e -> ((IpamException) e).code())
                .isEqualTo(101);
    }

    @Test
    void borrowsFromAnotherNodesBlockOnlyWithoutStrictAffinity() {
        InMemoryIpamStore store = store(pool("10.9.0.0/30", 30), "n1", "n2");
        Allocator alloc = new Allocator(store, clock);
        IpPrefix n1Block = alloc.assign(request("n1", "net.a", 1)).get(0).network();
        store.setSettings(new IpamSettings(true, true, 0));
        assertThatThrownBy(() -> alloc.assign(request("n2", "net.b", 1))).isInstanceOf(IpamException.class);
        store.setSettings(IpamSettings.DEFAULTS);
        AddressWithPrefix borrowed = alloc.assign(request("n2", "net.b", 1)).get(0);
        assertThat(borrowed.network()).isEqualTo(n1Block);
        Block b = store.block(n1Block).orElseThrow().value();
        assertThat(b.isAffineTo("n1")).isTrue();
        assertThat(b.holder(b.ordinalOf(borrowed.address())).orElseThrow().node())
                .isEqualTo("n2");
    }

    @Test
    void borrowingTakesBlocksInARandomOrderThatTheSeedFixes() {
        Set<IpPrefix> lent = new HashSet<>();
        for (long seed = 0; seed < 16; seed++) {
            IpPrefix first = firstBorrowedBlock(seed);
            assertThat(firstBorrowedBlock(seed)).as("seed %d", seed).isEqualTo(first);
            lent.add(first);
        }
        assertThat(lent)
                .as("over 16 seeds a borrower lands in more than the lowest block of the four")
                .hasSizeGreaterThan(2);
    }

    /** Four nodes each own one of the pool's four blocks; a fifth node, with none left to claim, borrows one address. */
    private IpPrefix firstBorrowedBlock(long seed) {
        InMemoryIpamStore store = store(pool("10.9.0.0/24", 26), "n1", "n2", "n3", "n4", "n5");
        Allocator alloc = new Allocator(store, clock, new SplittableRandom(seed));
        for (String n : List.of("n1", "n2", "n3", "n4")) {
            alloc.assign(request(n, "net." + n, 1));
        }
        assertThat(store.blocks()).hasSize(4);
        AddressWithPrefix borrowed = alloc.assign(request("n5", "net.n5", 1)).get(0);
        assertThat(store.affinities("n5")).isEmpty();
        return borrowed.network();
    }

    @Test
    void raceLoserDropsItsPendingAffinityAndTakesAnotherBlock() throws Exception {
        InMemoryIpamStore store = store(pool("10.244.0.0/24", 26), "n1", "n2");
        Allocator alloc = new Allocator(store, clock);
        // n2 got there first on the block n1 probes first, but has not confirmed yet.
        IpPrefix first =
                new BlockOrder(store.editablePools().get(0), "n1").iterator().next();
        store.createBlock(Block.claimed(first, "n2", clock.instant(), 1));
        AddressWithPrefix a = alloc.assign(request("n1", "net.a", 1)).get(0);
        assertThat(a.network()).isNotEqualTo(first);
        assertThat(store.affinity("n1", first)).isEmpty();
    }

    @Test
    void specificAddressIsAssignedOnceOnly() {
        InMemoryIpamStore store = store(pool("10.244.0.0/16", 26), "n1");
        Allocator alloc = new Allocator(store, clock);
        var ip = IpAddresses.parse("10.244.3.7");
        var holder = new AllocationAttributes("net.a", Map.of());
        assertThat(alloc.assignAddress("n1", ip, holder).prefixLength()).isEqualTo(26);
        assertThatThrownBy(() -> alloc.assignAddress("n1", ip, new AllocationAttributes("net.b", Map.of())))
                .hasMessageContaining("already assigned");
        assertThat(alloc.addressesOf("net.a"))
                .extracting(AddressWithPrefix::address)
                .containsExactly(ip);
    }

    @Test
    void deletingAPoolReleasesItsAffinitiesButKeepsUsedBlocks() {
        InMemoryIpamStore store = store(pool("10.244.0.0/16", 26), "n1", "n2");
        Allocator alloc = new Allocator(store, clock);
        alloc.assign(request("n1", "net.a", 1));
        alloc.assign(request("n2", "net.b", 1));
        alloc.releaseHandle("net.b");
        assertThat(alloc.releasePoolAffinities(IpPrefix.parse("10.244.0.0/16"))).isEqualTo(2);
        assertThat(store.affinities(null)).isEmpty();
        assertThat(store.blocks()).hasSize(1);
        assertThat(store.blocks().get(0).value().affinity()).isEmpty();
    }
}
