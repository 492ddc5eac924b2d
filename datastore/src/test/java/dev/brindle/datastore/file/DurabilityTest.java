package dev.brindle.datastore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.json.ResourceCodec;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the file store does so that only the journal is synced per write: group commit, deferred syncs, documents
 * rebuilt from the journal after a reboot, documents made durable before the journal covering them is pruned.
 */
class DurabilityTest {
    @TempDir
    Path dir;

    @Test
    void writesInADeferredScopeShareOneSyncAndScopesNest() {
        try (FileDatastore store = FileDatastore.open(dir, true)) {
            IPAMHandle h = store.create(IPAMHandle.of("h", Map.of("n", 0)));
            long before = store.journalSyncs();
            for (int i = 1; i <= 3; i++) {
                h = store.update(h.withBlocks(Map.of("n", i)));
            }
            assertThat(store.journalSyncs() - before).isEqualTo(3);

            long scoped = store.journalSyncs();
            try (Datastore.SyncScope outer = store.deferSync()) {
                try (Datastore.SyncScope inner = store.deferSync()) {
                    h = store.update(h.withBlocks(Map.of("n", 4)));
                    store.create(IPAMHandle.of("other", Map.of()));
                }
                h = store.update(h.withBlocks(Map.of("n", 5)));
                assertThat(store.journalSyncs()).isEqualTo(scoped);
                // Visible at once, durable or not.
                assertThat(store.get(Kind.IPAM_HANDLE, "h")).contains(h);
            }
            assertThat(store.journalSyncs() - scoped).isEqualTo(1);
        }
    }

    @Test
    void concurrentWritersAllCommitAndNeverNeedMoreSyncsThanWrites() throws Exception {
        int threads = 8;
        int perThread = 40;
        try (FileDatastore store = FileDatastore.open(dir, true)) {
            long before = store.journalSyncs();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<IPAMHandle>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String name = "h" + t;
                    done.add(pool.submit(() -> {
                        IPAMHandle h = store.create(IPAMHandle.of(name, Map.of("n", 0)));
                        for (int i = 1; i < perThread; i++) {
                            h = store.update(h.withBlocks(Map.of("n", i)));
                        }
                        return h;
                    }));
                }
                for (Future<IPAMHandle> f : done) {
                    IPAMHandle last = f.get();
                    assertThat(store.get(Kind.IPAM_HANDLE, last.name())).contains(last);
                }
            } finally {
                pool.shutdown();
            }
            assertThat(store.journalSyncs() - before).isBetween(1L, (long) threads * perThread);
            MultiProcessFileStoreTest.assertConsistent(store);
        }
    }

    @Test
    void theFirstOpenAfterARebootMakesEveryDocumentWhatTheJournalSays() throws Exception {
        IPAMHandle a1;
        IPAMHandle a2;
        IPAMHandle b;
        IPAMHandle c;
        try (FileDatastore store = FileDatastore.open(dir, true)) {
            a1 = store.create(IPAMHandle.of("a", Map.of("n", 1)));
            b = store.create(IPAMHandle.of("b", Map.of()));
            c = store.create(IPAMHandle.of("c", Map.of()));
            a2 = store.update(a1.withBlocks(Map.of("n", 2)));
            store.delete(b);
        }
        // What a power cut can leave of documents that were never synced: one behind, a deletion undone, one missing,
        // and one written for a change whose journal line never reached the disk.
        Files.write(docPath("a"), ResourceCodec.toJson(a1));
        Files.write(docPath("b"), ResourceCodec.toJson(b));
        Files.delete(docPath("c"));
        IPAMHandle lost = IPAMHandle.of("lost", Map.of())
                .withMetadata(Metadata.named("lost")
                        .stored(a2.revision() + 2, "uid-lost", a1.metadata().creationTimestamp()));
        Files.write(docPath("lost"), ResourceCodec.toJson(lost));
        // ...and a journal whose unsynced pages reached the disk out of order: a hole, then a whole line after it.
        IPAMHandle late = a2.withMetadata(a2.metadata().withRevision(a2.revision() + 3));
        Path segment = onlySegment();
        Files.write(segment, new byte[] {0, 0, 0, '\n'}, StandardOpenOption.APPEND);
        Files.write(
                segment,
                JournalLine.format(new Change(late.revision(), Change.Type.MODIFIED, late)),
                StandardOpenOption.APPEND);
        Files.writeString(dir.resolve(BootRecovery.MARKER), "an-earlier-boot\n");

        try (FileDatastore store = FileDatastore.open(dir, true)) {
            assertThat(store.get(Kind.IPAM_HANDLE, "a")).contains(a2);
            assertThat(store.get(Kind.IPAM_HANDLE, "b")).isEmpty();
            assertThat(store.get(Kind.IPAM_HANDLE, "c")).contains(c);
            assertThat(store.get(Kind.IPAM_HANDLE, "lost")).isEmpty();
            assertThat(store.create(IPAMHandle.of("next", Map.of())).revision()).isEqualTo(a2.revision() + 2);
            MultiProcessFileStoreTest.assertConsistent(store);
        }
        assertThat(Files.readString(dir.resolve(BootRecovery.MARKER)))
                .isNotEqualTo("an-earlier-boot\n")
                .isEqualToIgnoringWhitespace(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")));
    }

    @Test
    void documentsLastWrittenInPrunedSegmentsSurviveARebuild() throws Exception {
        IPAMHandle h;
        IPAMHandle early;
        try (FileDatastore store = FileDatastore.open(dir, true, 2_000, 2)) {
            early = store.create(IPAMHandle.of("early", Map.of("n", 7)));
            h = store.create(IPAMHandle.of("h", Map.of("n", 0)));
            for (int i = 1; i <= 100; i++) {
                h = store.update(h.withBlocks(Map.of("n", i)));
            }
            assertThat(FileJournal.firstRevisionOf(store.journalSegments().getFirst()))
                    .isGreaterThan(early.revision());
        }
        Files.writeString(dir.resolve(BootRecovery.MARKER), "an-earlier-boot\n");

        try (FileDatastore store = FileDatastore.open(dir, true, 2_000, 2)) {
            assertThat(store.get(Kind.IPAM_HANDLE, "early")).contains(early);
            assertThat(store.get(Kind.IPAM_HANDLE, "h")).contains(h);
        }
    }

    @Test
    void aWatcherInAnotherStoreFollowsAppendsAcrossSegments() throws Exception {
        try (FileDatastore writer = FileDatastore.open(dir, false, 2_000, 1_000);
                FileDatastore reader = FileDatastore.open(dir, false, 2_000, 1_000)) {
            IPAMHandle h = writer.create(IPAMHandle.of("h", Map.of("n", 0)));
            var seen = new CopyOnWriteArrayList<Integer>();
            try (Watch ignored = reader.watch(Kind.IPAM_HANDLE, h.revision(), e -> {
                if (e instanceof WatchEvent.Modified<IPAMHandle> m) {
                    seen.add(m.resource().spec().block().get("n"));
                }
            })) {
                for (int i = 1; i <= 80; i++) {
                    h = writer.update(h.withBlocks(Map.of("n", i)));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 80);
                assertThat(seen).isSorted().startsWith(1).endsWith(80);
                assertThat(writer.journalSegments()).hasSizeGreaterThan(2);
            }
        }
    }

    private Path docPath(String name) {
        return dir.resolve("ipamhandles").resolve(name + ".json");
    }

    private Path onlySegment() throws Exception {
        try (var s = Files.list(dir.resolve("journal"))) {
            return s.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        }
    }
}
