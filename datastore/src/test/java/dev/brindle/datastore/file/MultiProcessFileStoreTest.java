package dev.brindle.datastore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs on one store directory: writers racing, and writers killed with SIGKILL at random instants. */
class MultiProcessFileStoreTest {
    @TempDir
    Path dir;

    @TempDir
    Path writerOutput;

    static Process writer(Path dir, long count, boolean fsync) throws IOException {
        return writer(dir, count, fsync, null);
    }

    static Process writer(Path dir, long count, boolean fsync, Path stdout) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoreWriterMain.class.getName(),
                        dir.toString(),
                        Long.toString(count),
                        Boolean.toString(fsync))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(
                        stdout == null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.to(stdout.toFile()))
                .start();
    }

    @Test
    void threeWriterProcessesLoseNoIncrementAndAWatcherSeesEveryRevisionInOrder() throws Exception {
        int perWriter = 150;
        try (Datastore store = Datastores.open("file:" + dir, null)) {
            store.create(IPAMHandle.of("counter", Map.of("n", 0)));
            var revisions = new CopyOnWriteArrayList<Long>();
            var values = new CopyOnWriteArrayList<Integer>();
            try (Watch ignored = store.watch(Kind.IPAM_HANDLE, 0, e -> {
                if (e instanceof WatchEvent.Modified<IPAMHandle> m) {
                    revisions.add(m.revision());
                    values.add(m.resource().spec().block().get("n"));
                }
            })) {
                List<Process> writers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    writers.add(writer(dir, perWriter, false));
                }
                for (Process p : writers) {
                    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                    assertThat(p.exitValue()).isZero();
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> values.size() == 3 * perWriter);
                assertThat(revisions).isSorted().doesNotHaveDuplicates();
                assertThat(values).isSorted().doesNotHaveDuplicates().endsWith(3 * perWriter);
            }
            assertThat(store.get(Kind.IPAM_HANDLE, "counter")
                            .orElseThrow()
                            .spec()
                            .block())
                    .containsEntry("n", 3 * perWriter);
        }
    }

    @Test
    void writersKilledAtRandomInstantsNeverCorruptTheStore() throws Exception {
        int kills = 25;
        long acknowledged = 0;
        var random = ThreadLocalRandom.current();
        for (int i = 0; i < kills; i++) {
            // The writer's stdout goes to a file, not a pipe: a pipe read by a thread of ours can lose its last
            // lines when the JVM's reaper drains it at the kill, and a lost ack would look like an extra commit.
            Path out = writerOutput.resolve("writer-" + i + ".out");
            Process p = writer(dir, 0, true, out);
            await().atMost(Duration.ofSeconds(30)).until(() -> lastAck(out) >= 0);
            // Up to past the first deferred checkpoint (CHECKPOINT_DELAY_MS after a write): kills land mid-checkpoint
            // too.
            Thread.sleep(random.nextInt(5, (int) FileDatastore.CHECKPOINT_DELAY_MS * 2));
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            var acks = new AtomicLong(lastAck(out));
            long floor = Math.max(acknowledged, acks.get());
            try (FileDatastore store = FileDatastore.open(dir, true)) {
                assertConsistent(store);
                int n = store.get(Kind.IPAM_HANDLE, "counter")
                        .orElseThrow()
                        .spec()
                        .block()
                        .get("n");
                // Every acknowledged increment is there, and at most one more (committed, killed before its ack).
                assertThat((long) n).isBetween(floor, floor + 1);
                acknowledged = n;
                store.checkpointNow();
            }
            // Opened after a checkpoint, a store reads the documents on disk: they must be what the journal says.
            try (FileDatastore fresh = FileDatastore.open(dir, true)) {
                assertThat(fresh.pendingDocuments()).isZero();
                assertConsistent(fresh);
            }
        }
        assertThat(acknowledged).isPositive();
    }

    /** The last {@code ack <n>} the writer printed: 0 after {@code ready}, -1 before. */
    private static long lastAck(Path out) throws IOException {
        long last = -1;
        if (!Files.exists(out)) {
            return last;
        }
        for (String line : Files.readAllLines(out)) {
            if (line.equals("ready")) {
                last = Math.max(last, 0);
            } else if (line.startsWith("ack ")) {
                last = Long.parseLong(line.substring(4));
            }
        }
        return last;
    }

    /** What the store answers equals the state the journal replays to, and every revision appears once, in order. */
    static void assertConsistent(FileDatastore store) throws Exception {
        Path root = store.documentPath(Kind.IPPOOL, "x").getParent().getParent();
        FileJournal journal = FileJournal.reading(root.resolve("journal"));
        for (Kind<?> kind : Kind.all()) {
            Map<String, Resource> replayed = new TreeMap<>();
            // One read stops at the end of a segment: read on until the journal's end.
            for (long through = 0, before = -1; through != before; ) {
                var batch = journal.read(through, Integer.MAX_VALUE, kind);
                for (Change c : batch.changes()) {
                    if (c.type() == Change.Type.DELETED) {
                        replayed.remove(c.resource().name());
                    } else {
                        replayed.put(c.resource().name(), c.resource());
                    }
                }
                before = through;
                through = batch.through();
            }
            Map<String, Resource> documents = new TreeMap<>();
            store.list(kind).forEach(r -> documents.put(r.name(), r));
            assertThat(documents).as("documents of %s", kind).isEqualTo(replayed);
        }
    }
}
