package dev.brindle.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.datastore.resource.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every backend must have; each backend's test extends this with a fresh store per test. */
public abstract class DatastoreContract {
    protected Datastore store;

    protected abstract Datastore open() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void createThenGetReturnsTheStoredObjectWithMetadata() {
        IPPool created = store.create(IPPool.of("pool-a", "10.244.0.0/16"));

        assertThat(created.revision()).isPositive();
        assertThat(created.metadata().uid()).isNotBlank();
        assertThat(created.metadata().creationTimestamp()).isNotNull();
        assertThat(store.get(Kind.IPPOOL, "pool-a")).contains(created);
        assertThat(store.get(Kind.IPPOOL, "absent")).isEmpty();
    }

    @Test
    void createOfATakenNameFails() {
        store.create(IPPool.of("pool-a", "10.244.0.0/16"));

        assertThatThrownBy(() -> store.create(IPPool.of("pool-a", "10.245.0.0/16")))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("pool-a");
    }

    @Test
    void listReturnsOneKindSortedByName() {
        store.create(IPPool.of("b", "10.2.0.0/16"));
        store.create(IPPool.of("a", "10.1.0.0/16"));
        store.create(IPAMHandle.of("net.c1", Map.of("10.1.0.0/26", 1)));

        assertThat(store.list(Kind.IPPOOL)).extracting(IPPool::name).containsExactly("a", "b");
        assertThat(store.list(Kind.IPAM_HANDLE)).extracting(IPAMHandle::name).containsExactly("net.c1");
        assertThat(store.list(Kind.NODE)).isEmpty();
    }

    @Test
    void revisionsIncreaseAcrossKindsAndWrites() {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
        IPAMHandle h = store.create(IPAMHandle.of("net.c1", Map.of()));
        IPPool a2 = store.update(a.withSpec(a.spec().withNatOutgoing(true)));

        assertThat(h.revision()).isGreaterThan(a.revision());
        assertThat(a2.revision()).isGreaterThan(h.revision());
        assertThat(a2.metadata().uid()).isEqualTo(a.metadata().uid());
    }

    @Test
    void updateFromAStaleRevisionIsAConflict() {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
        store.update(a.withSpec(a.spec().withNatOutgoing(true)));

        assertThatThrownBy(() -> store.update(a.withSpec(a.spec().withDisabled(true))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("IPPool a");
        assertThat(store.get(Kind.IPPOOL, "a").orElseThrow().spec().natOutgoing())
                .isTrue();
    }

    @Test
    void updateOfAMissingObjectIsNotFound() {
        IPPool ghost = IPPool.of("ghost", "10.1.0.0/16");
        assertThatThrownBy(
                        () -> store.update(ghost.withMetadata(ghost.metadata().withRevision(5))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void updateWithoutARevisionIsRefused() {
        store.create(IPPool.of("a", "10.1.0.0/16"));
        assertThatThrownBy(() -> store.update(IPPool.of("a", "10.1.0.0/16")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use create, or apply");
    }

    @Test
    void applyCreatesThenReplacesKeepingIdentity() {
        IPPool first = store.apply(IPPool.of("a", "10.1.0.0/16"));
        IPPool edited = IPPool.of("a", "10.1.0.0/16");
        edited = edited.withSpec(edited.spec().withNatOutgoing(true))
                .withMetadata(edited.metadata().withLabels(Map.of("team", "net")));

        IPPool second = store.apply(edited);

        assertThat(second.metadata().uid()).isEqualTo(first.metadata().uid());
        assertThat(second.revision()).isGreaterThan(first.revision());
        assertThat(second.metadata().labels()).containsEntry("team", "net");
        assertThat(store.get(Kind.IPPOOL, "a").orElseThrow().spec().natOutgoing())
                .isTrue();
    }

    @Test
    void deleteWithRevisionChecksIt() {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
        IPPool a2 = store.update(a.withSpec(a.spec().withNatOutgoing(true)));

        assertThatThrownBy(() -> store.delete(a)).isInstanceOf(ConflictException.class);
        store.delete(a2);
        assertThat(store.get(Kind.IPPOOL, "a")).isEmpty();
        assertThatThrownBy(() -> store.delete(a2)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void plainDeleteSaysWhetherThereWasAnObject() {
        store.create(IPPool.of("a", "10.1.0.0/16"));

        assertThat(store.delete(Kind.IPPOOL, "a")).isTrue();
        assertThat(store.delete(Kind.IPPOOL, "a")).isFalse();
        assertThat(store.list(Kind.IPPOOL)).isEmpty();
    }

    @Test
    void overlappingPoolsAndImmutableFieldsAreRefused() {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));

        assertThatThrownBy(() -> store.create(IPPool.of("b", "10.1.128.0/17")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("spec.cidr")
                .hasMessageContaining("overlaps with IPPool(a)");
        var widened =
                new IPPool.Spec(IpPrefix.parse("10.1.0.0/16"), 24, null, null, false, false, false, null, null, null);
        assertThatThrownBy(() -> store.update(a.withSpec(widened)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("spec.blockSize: is immutable");
    }

    @Test
    void blocksKeepFreeOrdinalsAndNullAllocations() {
        IPAMBlock block = IPAMBlock.empty(IpPrefix.parse("10.1.0.64/26"), "node-1", 7, Instant.EPOCH);
        IPAMBlock stored = store.create(block);

        IPAMBlock read = store.get(Kind.IPAM_BLOCK, "10-1-0-64-26").orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(read.spec().allocations()).hasSize(64).containsOnlyNulls();
        assertThat(read.spec().unallocated()).startsWith(0, 1, 2).hasSize(64);
        assertThat(read.spec().affineNode()).contains("node-1");
    }

    @Test
    void watchFromZeroListsThenSyncsThenStreamsInOrder() {
        store.create(IPPool.of("a", "10.1.0.0/16"));
        var events = new CopyOnWriteArrayList<WatchEvent<IPPool>>();
        try (Watch ignored = store.watch(Kind.IPPOOL, 0, events::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
            assertThat(events.get(0)).isInstanceOf(WatchEvent.Added.class);
            assertThat(events.get(1)).isInstanceOf(WatchEvent.Synced.class);

            IPPool b = store.create(IPPool.of("b", "10.2.0.0/16"));
            store.create(IPAMHandle.of("other.kind", Map.of()));
            IPPool b2 = store.update(b.withSpec(b.spec().withDisabled(true)));
            store.delete(b2);

            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 5);
            assertThat(events.subList(2, 5))
                    .extracting(e -> e.getClass().getSimpleName() + " " + name(e))
                    .containsExactly("Added b", "Modified b", "Deleted b");
            // Sorted, not strictly: fabric8's mock API server does not give a deletion its own resourceVersion.
            assertThat(events.subList(2, 5)).extracting(WatchEvent::revision).isSorted();
            assertThat(((WatchEvent.Modified<IPPool>) events.get(3))
                            .resource()
                            .spec()
                            .disabled())
                    .isTrue();
        }
    }

    @Test
    protected void watchFromARevisionDeliversOnlyLaterChanges() {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
        IPPool b = store.create(IPPool.of("b", "10.2.0.0/16"));
        store.update(a.withSpec(a.spec().withNatOutgoing(true)));
        store.delete(Kind.IPPOOL, "b");
        var events = new CopyOnWriteArrayList<WatchEvent<IPPool>>();
        try (Watch ignored = store.watch(Kind.IPPOOL, b.revision(), events::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 3);
            assertThat(events)
                    .extracting(e -> e.getClass().getSimpleName() + " " + name(e))
                    .containsExactly("Modified a", "Deleted b", "Synced -");
        }
    }

    @Test
    void concurrentCompareAndSwapIncrementsLoseNothing() throws Exception {
        store.create(IPAMHandle.of("counter", Map.of("n", 0)));
        int threads = 4;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new CopyOnWriteArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Retry.onConflict(
                                () -> {
                                    IPAMHandle h = store.get(Kind.IPAM_HANDLE, "counter")
                                            .orElseThrow();
                                    int n = h.spec().block().get("n");
                                    return store.update(h.withBlocks(Map.of("n", n + 1)));
                                },
                                10_000);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.get(Kind.IPAM_HANDLE, "counter").orElseThrow().spec().block())
                .containsEntry("n", threads * perThread);
    }

    @Test
    void createRaceHasExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        var winners = new CopyOnWriteArrayList<Integer>();
        try {
            List<Future<?>> futures = new CopyOnWriteArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    try {
                        store.create(new IPAMHandle(
                                Metadata.named("contended"),
                                new IPAMHandle.Spec("contended", Map.of("by" + id, 1), false)));
                        winners.add(id);
                    } catch (AlreadyExistsException expected) {
                        // lost the race
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(winners).hasSize(1);
        assertThat(store.get(Kind.IPAM_HANDLE, "contended").orElseThrow().spec().block())
                .containsOnlyKeys("by" + winners.getFirst());
    }

    @Test
    void closingTheStoreStopsItsWatches() throws Exception {
        var events = new CopyOnWriteArrayList<WatchEvent<IPPool>>();
        store.watch(Kind.IPPOOL, 0, events::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
        store.close();
        store = open();
        store.create(IPPool.of("after-close", "10.1.0.0/16"));
        Thread.sleep(300);
        assertThat(events).hasSize(1);
    }

    private static String name(WatchEvent<?> e) {
        return switch (e) {
            case WatchEvent.Added<?> a -> a.resource().name();
            case WatchEvent.Modified<?> m -> m.resource().name();
            case WatchEvent.Deleted<?> d -> d.resource().name();
            case WatchEvent.Synced<?> s -> "-";
        };
    }
}
