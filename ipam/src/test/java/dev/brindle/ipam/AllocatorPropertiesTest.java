package dev.brindle.ipam;

import static dev.brindle.ipam.Fixtures.pool;
import static dev.brindle.ipam.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.IPAMConfig;
import dev.brindle.datastore.resource.Metadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The allocator's invariants under random sequences of assigns and releases by three nodes. */
class AllocatorPropertiesTest {
    private static final String[] NODES = {"n1", "n2", "n3"};

    /** One step: node {@code node} assigns {@code count} addresses, or releases handle number {@code release}. */
    record Step(int node, int count, int release) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(-1, 30))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 200)
    void noAddressTwiceAndEveryAddressInAnAffineBlockOfAnEnabledPool(
            @ForAll("steps") List<Step> steps, @ForAll boolean strict, @ForAll boolean onDatastore) {
        IpamStore store = onDatastore ? datastoreStore(strict) : memoryStore(strict);
        Allocator alloc = new Allocator(store, Clock.systemUTC());
        Map<String, List<AddressWithPrefix>> live = new HashMap<>();
        List<String> handles = new ArrayList<>();
        for (Step s : steps) {
            if (s.release() >= 0 && s.release() < handles.size()) {
                String h = handles.get(s.release());
                alloc.releaseHandle(h);
                live.remove(h);
                continue;
            }
            String handle = "net." + handles.size();
            handles.add(handle);
            try {
                live.put(handle, alloc.assign(request(NODES[s.node()], handle, s.count())));
            } catch (IpamException e) {
                assertThat(e.code()).isIn(IpamException.NO_ADDRESSES, IpamException.BLOCK_LIMIT);
                assertThat(alloc.addressesOf(handle)).isEmpty();
            }
            checkInvariants(store, live, strict);
        }
    }

    private static IpamStore memoryStore(boolean strict) {
        InMemoryIpamStore store = Fixtures.store(pool("10.7.0.0/26", 29), NODES);
        store.setSettings(new IpamSettings(strict, true, 0));
        return store;
    }

    /** The same pool and settings as resources in the in-memory datastore, through the real mapping. */
    private static IpamStore datastoreStore(boolean strict) {
        Datastore ds = Datastores.inMemory();
        ds.create(DatastoreIpamStoreTest.pool("p", "10.7.0.0/26", 29, ""));
        ds.create(new IPAMConfig(Metadata.named(IPAMConfig.NAME), new IPAMConfig.Spec(strict, 0, true)));
        return new DatastoreIpamStore(ds);
    }

    private static void checkInvariants(IpamStore store, Map<String, List<AddressWithPrefix>> live, boolean strict) {
        Set<String> seen = new HashSet<>();
        Pool pool = store.pools().get(0);
        for (var entry : live.entrySet()) {
            for (AddressWithPrefix a : entry.getValue()) {
                assertThat(seen.add(IpAddresses.format(a.address())))
                        .as("%s handed out twice", a)
                        .isTrue();
                assertThat(pool.cidr().contains(a.network())).isTrue();
                Block b = store.block(a.network()).orElseThrow().value();
                AllocationAttributes holder = b.holder(b.ordinalOf(a.address())).orElseThrow();
                assertThat(holder.handle()).isEqualTo(entry.getKey());
                boolean affine = b.isAffineTo(holder.node());
                assertThat(affine || !strict)
                        .as("%s in %s held by %s: borrowed under strictAffinity", a, b, holder.node())
                        .isTrue();
            }
        }
        long used =
                store.blocks().stream().mapToLong(v -> v.value().usedCount()).sum();
        assertThat(used).isEqualTo(seen.size());
        Map<Object, String> owner = new HashMap<>();
        for (var a : store.affinities(null)) {
            if (a.value().state() == Affinity.State.CONFIRMED) {
                assertThat(owner.put(a.value().cidr(), a.value().node())).isNull();
            }
        }
    }

    @Property(tries = 200)
    void releasedAddressesComeBackInFifoOrder(
            @ForAll @Size(min = 1, max = 16)
                    List<@net.jqwik.api.constraints.IntRange(min = 0, max = 15) Integer> order) {
        List<Integer> distinct = order.stream().distinct().toList();
        InMemoryIpamStore store = Fixtures.store(pool("10.8.0.0/28", 28), "n1");
        Allocator alloc = new Allocator(store, Clock.systemUTC());
        List<AddressWithPrefix> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            all.addAll(alloc.assign(request("n1", "net.h" + i, 1)));
        }
        for (int i : distinct) {
            alloc.releaseHandle("net.h" + i);
        }
        for (int i : distinct) {
            AddressWithPrefix again =
                    alloc.assign(request("n1", "net.again" + i, 1)).get(0);
            assertThat(again.address()).isEqualTo(all.get(i).address());
        }
    }
}
