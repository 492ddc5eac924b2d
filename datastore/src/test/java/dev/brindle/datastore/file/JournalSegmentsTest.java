package dev.brindle.datastore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journal segments roll over and old ones go; a watcher left behind re-lists and still ends up right. */
class JournalSegmentsTest {
    @TempDir
    Path dir;

    @Test
    void segmentsRollOverAndOldOnesArePruned() throws Exception {
        try (FileDatastore store = FileDatastore.open(dir, false, 2_000, 3)) {
            IPAMHandle h = store.create(IPAMHandle.of("h", Map.of("n", 0)));
            for (int i = 1; i <= 200; i++) {
                h = store.update(h.withBlocks(Map.of("n", i)));
            }
            try (var segments = Files.list(dir.resolve("journal"))) {
                assertThat(segments.filter(p -> p.toString().endsWith(".log"))).hasSize(3);
            }
        }
    }

    /**
     * A write batch's lines are written when it gives the lock back, several segments' worth at once: they roll over
     * at the same places, segments are pruned only after the last line is written (their checkpoint is the state of
     * the journal's end), and a store opened afterwards reads every change.
     */
    @Test
    void aBatchOfSeveralSegmentsIsWrittenWhenItEndsAndReadBackWhole() throws Exception {
        try (FileDatastore writer = FileDatastore.open(dir, false, 2_000, 3)) {
            IPAMHandle h;
            try (var synced = writer.deferSync();
                    var batch = writer.writeBatch()) {
                h = writer.create(IPAMHandle.of("h", Map.of("n", 0)));
                for (int i = 1; i <= 100; i++) {
                    h = writer.update(h.withBlocks(Map.of("n", i)));
                }
                writer.create(IPAMHandle.of("last", Map.of()));
            }
            assertThat(h.revision()).isEqualTo(101);
            try (FileDatastore reader = FileDatastore.open(dir, false, 2_000, 3)) {
                assertThat(reader.get(Kind.IPAM_HANDLE, "h")).contains(h);
                assertThat(reader.get(Kind.IPAM_HANDLE, "last").orElseThrow().revision())
                        .isEqualTo(102);
                IPAMHandle next = reader.update(h.withBlocks(Map.of("n", 101)));
                assertThat(next.revision()).isEqualTo(103);
            }
            try (var segments = Files.list(dir.resolve("journal"))) {
                assertThat(segments.filter(p -> p.toString().endsWith(".log"))).hasSize(3);
            }
        }
    }

    @Test
    void aStoreThatFellBehindThePrunedSegmentsReadsTheCheckpointedDocumentsAndTheRest() {
        try (FileDatastore writer = FileDatastore.open(dir, false, 2_000, 2);
                FileDatastore reader = FileDatastore.open(dir, false, 2_000, 2)) {
            IPAMHandle gone = writer.create(IPAMHandle.of("gone", Map.of()));
            IPAMHandle h = writer.create(IPAMHandle.of("h", Map.of("n", 0)));
            assertThat(reader.get(Kind.IPAM_HANDLE, "gone")).contains(gone);
            writer.delete(Kind.IPAM_HANDLE, "gone");
            for (int i = 1; i <= 200; i++) {
                h = writer.update(h.withBlocks(Map.of("n", i)));
            }
            IPAMHandle late = writer.create(IPAMHandle.of("late", Map.of()));

            // The reader's journal position was pruned: what it missed is in the documents or in the lines kept.
            assertThat(reader.get(Kind.IPAM_HANDLE, "gone")).isEmpty();
            assertThat(reader.get(Kind.IPAM_HANDLE, "h")).contains(h);
            assertThat(reader.list(Kind.IPAM_HANDLE)).containsExactly(h, late);
        }
    }

    @Test
    void aStoreThatOnlyReadsForgetsWhatOthersCheckpointedOnceItKnowsTooMany() {
        try (FileDatastore writer = FileDatastore.open(dir, false);
                FileDatastore reader = FileDatastore.open(dir, false)) {
            int handles = PendingDocuments.LIMIT + 500;
            for (int i = 0; i < handles; i++) {
                writer.delete(writer.create(IPAMHandle.of("h" + i, Map.of())));
            }
            writer.checkpointNow();

            assertThat(reader.get(Kind.IPAM_HANDLE, "h0")).isEmpty();
            assertThat(reader.pendingDocuments()).isLessThanOrEqualTo(PendingDocuments.LIMIT);
            assertThat(writer.pendingDocuments()).isZero();
        }
    }

    @Test
    void aListRacingCheckpointsOfItsOwnStoreNeverMissesAnObject() throws Exception {
        try (FileDatastore store = FileDatastore.open(dir, false)) {
            int handles = 50;
            List<IPAMHandle> current = new ArrayList<>();
            for (int i = 0; i < handles; i++) {
                current.add(store.create(IPAMHandle.of("h" + i, Map.of("n", 0))));
            }
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger shortest = new AtomicInteger(handles);
            Thread lister = Thread.ofPlatform().start(() -> {
                while (!done.get()) {
                    shortest.accumulateAndGet(store.list(Kind.IPAM_HANDLE).size(), Math::min);
                }
            });
            // Each round leaves every handle pending, then writes their documents and forgets them, while listed.
            for (int round = 1; round <= 200; round++) {
                for (int i = 0; i < handles; i++) {
                    current.set(i, store.update(current.get(i).withBlocks(Map.of("n", round))));
                }
                store.checkpointNow();
            }
            done.set(true);
            lister.join();

            assertThat(shortest).hasValue(handles);
        }
    }

    @Test
    void aWatchFollowsTheJournalAcrossSegments() {
        try (FileDatastore store = FileDatastore.open(dir, false, 2_000, 1_000)) {
            IPAMHandle h = store.create(IPAMHandle.of("h", Map.of("n", 200)));
            var seen = new CopyOnWriteArrayList<Integer>();
            try (Watch ignored = store.watch(Kind.IPAM_HANDLE, h.revision(), e -> {
                if (e instanceof WatchEvent.Modified<IPAMHandle> m) {
                    seen.add(m.resource().spec().block().get("n"));
                }
            })) {
                for (int i = 201; i <= 260; i++) {
                    h = store.update(h.withBlocks(Map.of("n", i)));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 60);
                assertThat(seen).isSorted().startsWith(201).endsWith(260);
            }
        }
    }

    @Test
    void aWatcherWhoseHistoryWasPrunedReListsToTheCurrentState() throws Exception {
        try (FileDatastore store = FileDatastore.open(dir, false, 1_000, 2)) {
            store.create(IPAMHandle.of("gone", Map.of()));
            IPAMHandle h = store.create(IPAMHandle.of("h", Map.of("n", 0)));
            var events = new CopyOnWriteArrayList<WatchEvent<IPAMHandle>>();
            var blocked = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            try (Watch ignored = store.watch(Kind.IPAM_HANDLE, 0, e -> {
                events.add(e);
                if (e instanceof WatchEvent.Synced<IPAMHandle> && blocked.getCount() > 0) {
                    blocked.countDown();
                    waitFor(release);
                }
            })) {
                blocked.await();
                // Written through a second store, as by another process: the watcher's store has not seen these
                // lines (it would serve its own recent ones from memory) and must read the pruned journal.
                try (FileDatastore writer = FileDatastore.open(dir, false, 1_000, 2)) {
                    writer.delete(Kind.IPAM_HANDLE, "gone");
                    for (int i = 1; i <= 100; i++) {
                        h = writer.update(h.withBlocks(Map.of("n", i)));
                    }
                }
                release.countDown();
                long last = h.revision();
                await().atMost(Duration.ofSeconds(10))
                        .until(() ->
                                events.getLast() instanceof WatchEvent.Synced<IPAMHandle> s && s.revision() >= last);
            }
            assertThat(events.stream()
                            .filter(e -> e instanceof WatchEvent.Deleted<IPAMHandle> d
                                    && d.resource().name().equals("gone")))
                    .hasSize(1);
            assertThat(events.stream()
                            .filter(e -> e instanceof WatchEvent.Modified<IPAMHandle>)
                            .map(e -> ((WatchEvent.Modified<IPAMHandle>) e)
                                    .resource()
                                    .spec()
                                    .block()
                                    .get("n")))
                    .endsWith(100);
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
