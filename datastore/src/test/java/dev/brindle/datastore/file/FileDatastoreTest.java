package dev.brindle.datastore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.DatastoreContract;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.json.DocumentException;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDatastoreTest extends DatastoreContract {
    @TempDir
    Path dir;

    @Override
    protected Datastore open() {
        return Datastores.open("file:" + dir, null);
    }

    /** Any process may checkpoint: one that opened the store just now knows every line past the last checkpoint. */
    private void checkpoint() {
        try (FileDatastore other = FileDatastore.open(dir, true)) {
            other.checkpointNow();
        }
    }

    /**
     * Closing checkpoints; a store opened after that reads the documents (before, it would read newer objects from the
     * journal lines it took in, which hides a document edited by hand).
     */
    private void reopen() {
        store.close();
        store = open();
    }

    @Test
    void keepsOneJsonDocumentPerObject() throws Exception {
        store.create(IPPool.of("pool-a", "10.244.0.0/16"));
        checkpoint();

        Path doc = dir.resolve("ippools/pool-a.json");
        String json = Files.readString(doc);
        assertThat(json).contains("\"apiVersion\" : \"brindle.dev/v1\"").contains("\"cidr\" : \"10.244.0.0/16\"");
        try (var files = Files.list(dir.resolve("ippools"))) {
            assertThat(files).containsExactly(doc);
        }
    }

    @Test
    void documentsFollowTheJournalShortlyAfterAWriteWithoutAnyoneAsking() throws Exception {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
        store.create(IPPool.of("b", "10.2.0.0/16"));
        IPPool a2 = store.update(a.withSpec(a.spec().withDisabled(true)));
        store.delete(Kind.IPPOOL, "b");

        Path docA = dir.resolve("ippools/a.json");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(docA)
                        && Files.readString(docA).contains("\"disabled\" : true")
                        && !Files.exists(dir.resolve("ippools/b.json")));
        assertThat(Files.readString(dir.resolve(CheckpointMarker.NAME)).strip())
                .isEqualTo(Long.toString(a2.revision() + 1));
    }

    @Test
    void aStoreOpenedBeforeTheCheckpointReadsTheJournalAndOneOpenedAfterReadsTheDocuments() {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
        try (Datastore before = open()) {
            IPPool a2 = store.update(a.withSpec(a.spec().withDisabled(true)));
            assertThat(before.get(Kind.IPPOOL, "a")).contains(a2);
            assertThat(before.list(Kind.IPPOOL)).containsExactly(a2);
            checkpoint();
            store.delete(Kind.IPPOOL, "a");
            assertThat(before.get(Kind.IPPOOL, "a")).isEmpty();
            assertThat(before.list(Kind.IPPOOL)).isEmpty();
            try (Datastore after = open()) {
                assertThat(after.get(Kind.IPPOOL, "a")).isEmpty();
                assertThat(after.list(Kind.IPPOOL)).isEmpty();
            }
        }
    }

    @Test
    void aWriteBatchKeepsOtherWritersOutUntilItClosesAndItsWritesAreCommittedAsUsual() throws Exception {
        try (Datastore other = open()) {
            Thread blocked;
            IPPool a;
            IPPool a2;
            try (Datastore.WriteBatch batch = store.writeBatch()) {
                a = store.create(IPPool.of("a", "10.1.0.0/16"));
                a2 = store.update(a.withSpec(a.spec().withDisabled(true)));
                blocked = Thread.ofPlatform().start(() -> other.create(IPAMHandle.of("net.c1", Map.of())));
                await().atMost(Duration.ofSeconds(10)).until(() -> blocked.getState() == Thread.State.WAITING);
                assertThat(other.get(Kind.IPAM_HANDLE, "net.c1")).isEmpty();
                assertThat(other.get(Kind.IPPOOL, "a")).contains(a2);
            }
            blocked.join(10_000);

            assertThat(blocked.isAlive()).isFalse();
            assertThat(store.get(Kind.IPAM_HANDLE, "net.c1").orElseThrow().revision())
                    .isEqualTo(a2.revision() + 1);
        }
    }

    /**
     * In a write batch whose writes wait for one sync, the journal lines are written when the batch gives the lock
     * back: this process reads the changes at once, another only then (it could not have written meanwhile anyway),
     * and this process's watchers get them then too.
     */
    @Test
    void aDeferredWriteBatchWritesItsLinesWhenItGivesTheLockBack() {
        try (Datastore other = open()) {
            var events = new CopyOnWriteArrayList<WatchEvent<IPPool>>();
            try (Watch ignored = store.watch(Kind.IPPOOL, 0, events::add)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
                IPPool a;
                try (var synced = store.deferSync();
                        var batch = store.writeBatch()) {
                    a = store.create(IPPool.of("a", "10.1.0.0/16"));
                    store.create(IPPool.of("b", "10.2.0.0/16"));
                    assertThat(store.get(Kind.IPPOOL, "a")).contains(a);
                    assertThat(other.get(Kind.IPPOOL, "a")).isEmpty();
                }
                assertThat(other.get(Kind.IPPOOL, "a")).contains(a);
                assertThat(other.list(Kind.IPPOOL)).hasSize(2);
                await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 3);
                assertThat(events.get(1).revision()).isEqualTo(a.revision());
            }
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectorySeesWritesAndWatchesThem() {
        try (Datastore other = Datastores.open("file:" + dir, null)) {
            var events = new CopyOnWriteArrayList<WatchEvent<IPPool>>();
            try (Watch ignored = other.watch(Kind.IPPOOL, 0, events::add)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
                IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
                assertThat(other.get(Kind.IPPOOL, "a")).contains(a);
                IPPool a2 = other.update(a.withSpec(a.spec().withDisabled(true)));
                assertThat(store.get(Kind.IPPOOL, "a")).contains(a2);
                await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 3);
                assertThat(events.get(2).revision()).isEqualTo(a2.revision());
            }
        }
    }

    @Test
    void reopeningKeepsRevisionsIncreasing() {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
        store.close();
        store = open();
        IPAMHandle h = store.create(IPAMHandle.of("net.c1", Map.of()));

        assertThat(h.revision()).isEqualTo(a.revision() + 1);
        assertThat(store.get(Kind.IPPOOL, "a")).contains(a);
    }

    @Test
    void aMalformedDocumentIsRefusedWithFileFieldAndLine() throws Exception {
        store.create(IPPool.of("a", "10.1.0.0/16"));
        reopen();
        Path doc = dir.resolve("ippools/a.json");
        String broken = Files.readString(doc).replace("\"blockSize\" : 26", "\"blockSize\" : 33");
        Files.writeString(doc, broken, StandardCharsets.UTF_8);
        int line = lineContaining(broken, "blockSize");

        assertThatThrownBy(() -> store.get(Kind.IPPOOL, "a"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining(doc.toString())
                .hasMessageContaining("line " + line + ": spec.blockSize: must be between 20 and 32 for IPv4, got 33");
    }

    @Test
    void aDocumentUnderTheWrongNameIsRefused() throws Exception {
        store.create(IPPool.of("a", "10.1.0.0/16"));
        reopen();
        Files.copy(dir.resolve("ippools/a.json"), dir.resolve("ippools/b.json"));

        assertThatThrownBy(() -> store.list(Kind.IPPOOL))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("b.json")
                .hasMessageContaining("metadata.name: is 'a'");
    }

    @Test
    void aTornJournalTailIsCutAndDocumentsBehindTheJournalAreReadFromIt() throws Exception {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
        checkpoint();
        String checkpointed = Files.readString(dir.resolve(CheckpointMarker.NAME));
        IPPool a2 = store.update(a.withSpec(a.spec().withDisabled(true)));
        store.close();
        // As a writer killed before any checkpoint leaves it: the document and the marker still at a, and a second
        // writer killed mid-line.
        Files.write(dir.resolve("ippools/a.json"), dev.brindle.datastore.json.ResourceCodec.toJson(a));
        Files.writeString(dir.resolve(CheckpointMarker.NAME), checkpointed);
        Path segment;
        try (var s = Files.list(dir.resolve("journal"))) {
            segment = s.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        }
        Files.write(segment, "3 MODIFIED IPPool 1234 {\"trunc".getBytes(), java.nio.file.StandardOpenOption.APPEND);

        store = open();
        assertThat(store.get(Kind.IPPOOL, "a")).contains(a2);
        IPAMHandle h = store.create(IPAMHandle.of("net.c1", Map.of()));

        assertThat(h.revision()).isEqualTo(a2.revision() + 1);
        assertThat(store.list(Kind.IPPOOL)).containsExactly(a2);
        assertThat(Files.readString(segment)).doesNotContain("trunc");
        checkpoint();
        assertThat(Files.readString(dir.resolve("ippools/a.json"))).contains("\"disabled\" : true");
    }

    private static int lineContaining(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }
}
