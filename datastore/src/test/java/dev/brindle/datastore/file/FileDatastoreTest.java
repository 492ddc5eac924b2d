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

    @Test
    void keepsOneJsonDocumentPerObject() throws Exception {
        store.create(IPPool.of("pool-a", "10.244.0.0/16"));

        Path doc = dir.resolve("ippools/pool-a.json");
        String json = Files.readString(doc);
        assertThat(json).contains("\"apiVersion\" : \"brindle.dev/v1\"").contains("\"cidr\" : \"10.244.0.0/16\"");
        try (var files = Files.list(dir.resolve("ippools"))) {
            assertThat(files).containsExactly(doc);
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
        Files.copy(dir.resolve("ippools/a.json"), dir.resolve("ippools/b.json"));

        assertThatThrownBy(() -> store.list(Kind.IPPOOL))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("b.json")
                .hasMessageContaining("metadata.name: is 'a'");
    }

    @Test
    void aTornJournalTailIsCutAndALaggingDocumentIsRepaired() throws Exception {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
        IPPool a2 = store.update(a.withSpec(a.spec().withDisabled(true)));
        store.close();
        // Simulate a writer killed after its journal line (document still at a) and a second killed mid-line.
        Path doc = dir.resolve("ippools/a.json");
        Files.write(doc, dev.brindle.datastore.json.ResourceCodec.toJson(a));
        Path segment;
        try (var s = Files.list(dir.resolve("journal"))) {
            segment = s.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        }
        Files.write(segment, "3 MODIFIED IPPool 1234 {\"trunc".getBytes(), java.nio.file.StandardOpenOption.APPEND);

        store = open();
        IPAMHandle h = store.create(IPAMHandle.of("net.c1", Map.of()));

        assertThat(h.revision()).isEqualTo(a2.revision() + 1);
        assertThat(store.get(Kind.IPPOOL, "a")).contains(a2);
        assertThat(Files.readString(segment)).doesNotContain("trunc");
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
