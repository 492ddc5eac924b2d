package dev.brindle.datastore.file;

import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the documents from the journal after a reboot. Documents are written without fsync, so only a crash of the
 * kernel (power cut, panic) can leave them behind the journal, or ahead of it (a document written before its line was
 * synced, never acknowledged): both end with a reboot. The first process that opens the store in a new boot (the boot
 * id, {@code /proc/sys/kernel/random/boot_id}, differs from the one recorded in {@code <dir>/.boot-id}) replays every
 * journal line and makes each document what the journal says, before anyone reads; later opens in the same boot
 * skip this. Also cut: a journal tail after the first damaged line (unsynced pages written back out of order).
 */
final class BootRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(BootRecovery.class);
    static final String MARKER = ".boot-id";
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private final Path root;
    private final FileJournal journal;
    private final DocumentFiles documents;

    BootRecovery(Path root, FileJournal journal, DocumentFiles documents) {
        this.root = root;
        this.journal = journal;
        this.documents = documents;
    }

    /** Under the store lock, when the store is opened. Returns whether it replayed the journal. */
    boolean runIfRebooted() throws IOException {
        Optional<String> boot = bootId();
        MarkerFile marker = new MarkerFile(root, MARKER);
        if (boot.isPresent() && boot.equals(marker.read())) {
            return false;
        }
        Replay replay = replayJournal();
        int repaired = repairDocuments(replay);
        documents.makeDirectoriesDurable();
        if (replay.lines > 0) {
            LOG.info(
                    "{}: first open since the machine booted: checked the documents against {} journal lines, {}"
                            + " repaired",
                    root,
                    replay.lines,
                    repaired);
        }
        if (boot.isPresent()) {
            marker.write(boot.get(), true);
        }
        return true;
    }

    private static Optional<String> bootId() {
        try {
            return Optional.of(Files.readString(BOOT_ID).strip());
        } catch (IOException e) {
            return Optional.empty(); // not Linux: recover on every open
        }
    }

    /** The last change of every object the journal mentions, and the oldest revision it still holds. */
    private record Replay(Map<String, Change> last, long oldest, long lines) {}

    private Replay replayJournal() throws IOException {
        Map<String, Change> last = new HashMap<>();
        List<Path> segments = journal.segments();
        long oldest = segments.isEmpty() ? Long.MAX_VALUE : FileJournal.firstRevisionOf(segments.getFirst());
        long lines = 0;
        for (Path segment : segments) {
            byte[] bytes = Files.readAllBytes(segment);
            int start = 0;
            for (int nl; (nl = JournalLine.nextNewline(bytes, start)) >= 0; start = nl + 1) {
                Optional<JournalLine> line = JournalLine.parse(bytes, start, nl);
                if (line.isEmpty()) {
                    break;
                }
                Change c = line.get()
                        .decode(segment.getFileName() + " revision "
                                + line.get().revision());
                last.put(key(c.resource().kind(), c.resource().name()), c);
                lines++;
            }
            if (start < bytes.length) {
                cut(segment, start, bytes.length, segment.equals(segments.getLast()));
            }
        }
        journal.reopen();
        return new Replay(last, oldest, lines);
    }

    private static void cut(Path segment, int at, int size, boolean newest) throws IOException {
        if (!newest) {
            LOG.error("journal {}: damaged at byte {} but not the newest segment; leaving it", segment, at);
            return;
        }
        LOG.warn(
                "journal {}: cutting {} bytes from the first damaged line on (never acknowledged)", segment, size - at);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(at);
            ch.force(true);
        }
    }

    /** Makes every document what the journal says; returns how many it rewrote or deleted. */
    private int repairDocuments(Replay replay) throws IOException {
        int repaired = 0;
        for (Change c : replay.last.values()) {
            Resource r = c.resource();
            Optional<? extends Resource> doc = documents.readQuietly(r.kind(), r.name());
            if (c.type() == Change.Type.DELETED) {
                if (doc.isPresent()) {
                    documents.delete(r.kind(), r.name());
                    repaired++;
                }
            } else if (!doc.equals(Optional.of(r))) {
                documents.write(r);
                DocumentFiles.force(documents.pathOf(r.kind(), r.name()));
                repaired++;
            }
        }
        // A document the journal should mention but does not was created by a write whose line never reached disk.
        for (Kind<?> kind : Kind.all()) {
            for (Resource doc : documents.readAllQuietly(kind)) {
                if (doc.revision() >= replay.oldest && !replay.last.containsKey(key(kind, doc.name()))) {
                    documents.delete(kind, doc.name());
                    repaired++;
                }
            }
        }
        return repaired;
    }

    private static String key(Kind<?> kind, String name) {
        return kind.name() + "/" + name;
    }
}
