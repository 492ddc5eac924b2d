package dev.brindle.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.IPAMConfig;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedIpamStoreTest {
    private final Datastore ds = Datastores.inMemory();

    @Test
    void seesOtherWritersThroughTheWatchAndItsOwnAtOnce() throws Exception {
        ds.create(DatastoreIpamStoreTest.pool("p", "10.5.0.0/16", 26, ""));
        try (WatchedIpamStore warm = WatchedIpamStore.start(ds, Duration.ofSeconds(10))) {
            assertThat(warm.pools()).extracting(Pool::name).containsExactly("p");
            Allocator mine = new Allocator(warm, Clock.systemUTC());
            AddressWithPrefix a =
                    mine.assign(Fixtures.request("n1", "k8s.a", 1)).get(0);
            assertThat(warm.handle("k8s.a")).isPresent();

            Allocator other = new Allocator(new DatastoreIpamStore(ds), Clock.systemUTC());
            other.assign(Fixtures.request("n2", "k8s.b", 1));
            ds.create(new IPAMConfig(Metadata.named(IPAMConfig.NAME), new IPAMConfig.Spec(true, 0, true)));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(warm.handle("k8s.b")).isPresent();
                assertThat(warm.settings().strictAffinity()).isTrue();
            });
            other.releaseHandle("k8s.a");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(warm.handle("k8s.a")).isEmpty());
            assertThat(warm.block(a.network()).orElseThrow().value().usedCount())
                    .isZero();
        }
    }

    @Test
    void aStaleViewCostsARetryNotADuplicate() throws Exception {
        ds.create(DatastoreIpamStoreTest.pool("p", "10.5.0.0/28", 28, ""));
        try (WatchedIpamStore warm = WatchedIpamStore.start(ds, Duration.ofSeconds(10))) {
            Allocator mine = new Allocator(warm, Clock.systemUTC());
            Allocator direct = new Allocator(new DatastoreIpamStore(ds), Clock.systemUTC());
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                // Interleave a writer the watch may not have delivered yet with the warm store's own writes.
                seen.add(direct.assign(Fixtures.request("n1", "k8s.d" + i, 1))
                        .get(0)
                        .toString());
                seen.add(mine.assign(Fixtures.request("n1", "k8s.w" + i, 1))
                        .get(0)
                        .toString());
            }
            assertThat(seen).hasSize(16);
            assertThat(ds.list(Kind.IPAM_HANDLE)).hasSize(16);
            assertThat(List.copyOf(seen)).allMatch(s -> s.endsWith("/28"));
        }
    }

    @Test
    void twoAgentsOnOneFileStoreNeverHandOutTheSameAddress(@TempDir Path dir) throws Exception {
        try (Datastore first = Datastores.open("file:" + dir, null);
                Datastore second = Datastores.open("file:" + dir, null)) {
            first.create(DatastoreIpamStoreTest.pool("p", "10.6.0.0/24", 26, ""));
            try (WatchedIpamStore a = WatchedIpamStore.start(first, Duration.ofSeconds(10));
                    WatchedIpamStore b = WatchedIpamStore.start(second, Duration.ofSeconds(10))) {
                // Same node on both: they race for the same block, so every write may lose a compare-and-swap.
                ExecutorService agents = Executors.newFixedThreadPool(2);
                try {
                    Future<List<String>> fromA = agents.submit(() -> assignMany(a, "a", 60));
                    Future<List<String>> fromB = agents.submit(() -> assignMany(b, "b", 60));
                    Set<String> all = new HashSet<>(fromA.get());
                    all.addAll(fromB.get());
                    assertThat(all).hasSize(120);
                } finally {
                    agents.shutdown();
                }
                assertThat(first.list(Kind.IPAM_HANDLE)).hasSize(120);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(a.handles()).hasSize(120);
                    assertThat(b.handles()).hasSize(120);
                });
            }
        }
    }

    private static List<String> assignMany(WatchedIpamStore store, String prefix, int n) {
        Allocator alloc = new Allocator(store, Clock.systemUTC());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(alloc.assign(Fixtures.request("n1", "k8s." + prefix + i, 1))
                    .get(0)
                    .toString());
        }
        return got;
    }
}
