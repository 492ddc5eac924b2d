package dev.brindle.datastore.file;

import dev.brindle.datastore.DatastoreException;
import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.journal.HistoryGoneException;
import dev.brindle.datastore.journal.JournaledDatastore.Batch;
import dev.brindle.datastore.resource.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What this process knows of the journal beyond the documents: the newest change of every object whose document may
 * still trail it. A write only appends its journal line; documents are brought up to date later, in batches, by a
 * checkpoint ({@link DocumentCheckpoint}). Every read therefore looks here first, after taking in the lines other
 * processes appended since ({@link #refresh}), and falls back to the document only for objects the journal has not
 * changed since the last checkpoint this process knows of.
 */
final class PendingDocuments {
    /** Pending objects beyond which a writer checkpoints at once, and a reader forgets what others checkpointed. */
    static final int LIMIT = 8192;
    /** Lines read per journal read while catching up. */
    private static final int BATCH = 4096;

    private final FileJournal journal;
    private final ReentrantLock refreshing = new ReentrantLock();
    /** Kind name → object name → newest change; a DELETED change hides a document that was not deleted yet. */
    private final Map<String, Map<String, Change>> byKind = new ConcurrentHashMap<>();

    /** Every journal line up to here is reflected in the documents or in {@link #byKind}. */
    private volatile long through;

    PendingDocuments(FileJournal journal) {
        this.journal = journal;
    }

    /** Starts over after revision {@code checkpoint}: the documents reflect every change up to it. */
    void resetTo(long checkpoint) {
        refreshing.lock();
        try {
            byKind.clear();
            through = checkpoint;
        } finally {
            refreshing.unlock();
        }
    }

    long through() {
        return through;
    }

    /**
     * Takes in the journal lines after {@link #through}, up to its end; {@code checkpoint} says where the documents
     * are when the lines it needs were pruned meanwhile (which only happens after a checkpoint past them).
     */
    void refresh(CheckpointMarker checkpoint) {
        if (!journal.mayHaveAfter(through)) {
            return;
        }
        refreshing.lock();
        try {
            while (true) {
                Batch batch;
                try {
                    batch = journal.read(through, BATCH, null);
                } catch (HistoryGoneException e) {
                    // Pruned only after a checkpoint past them: the documents hold what those lines said.
                    long restart = Math.max(checkpoint.read(), e.oldest() - 1);
                    if (restart <= through) {
                        throw new DatastoreException(
                                "the journal in " + journal.dir() + " has a gap after revision " + through, e);
                    }
                    byKind.clear();
                    through = restart;
                    continue;
                }
                batch.changes().forEach(this::put);
                if (batch.through() == through) {
                    if (size() > LIMIT) {
                        // A process that only reads never checkpoints itself: others did, so forget what they wrote.
                        forgetThrough(checkpoint.read());
                    }
                    return;
                }
                through = batch.through();
            }
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * A change this process just appended (under the store lock, after a refresh): no need to read it back. A reader
     * of this process may have taken it in already, from the lines it keeps in memory.
     */
    void appended(Change change) {
        refreshing.lock();
        try {
            if (change.revision() <= through) {
                return;
            }
            if (change.revision() != through + 1) {
                throw new IllegalStateException(
                        "appended revision " + change.revision() + " but the pending view is at " + through);
            }
            put(change);
            through = change.revision();
        } finally {
            refreshing.unlock();
        }
    }

    private void put(Change change) {
        var r = change.resource();
        byKind.computeIfAbsent(r.kind().name(), k -> new ConcurrentHashMap<>()).put(r.name(), change);
    }

    /** The newest change of an object since the documents' checkpoint, if the journal has one. */
    Optional<Change> get(Kind<?> kind, String name) {
        Map<String, Change> ofKind = byKind.get(kind.name());
        return ofKind == null ? Optional.empty() : Optional.ofNullable(ofKind.get(name));
    }

    /**
     * A copy of the newest change of every object of {@code kind} since the documents' checkpoint. Take it before
     * reading the documents: a change is forgotten only after its document was written, so one missing from the copy
     * is in the documents read after it.
     */
    Map<String, Change> ofKind(Kind<?> kind) {
        return Map.copyOf(byKind.getOrDefault(kind.name(), Map.of()));
    }

    /** The pending changes newer than {@code revision}, for a checkpoint to write. */
    List<Change> after(long revision) {
        List<Change> out = new ArrayList<>();
        byKind.values()
                .forEach(m ->
                        m.values().stream().filter(c -> c.revision() > revision).forEach(out::add));
        return out;
    }

    /** Forgets the changes at or below {@code revision}: their documents are written. */
    void forgetThrough(long revision) {
        byKind.values().forEach(m -> m.values().removeIf(c -> c.revision() <= revision));
    }

    int size() {
        return byKind.values().stream().mapToInt(Map::size).sum();
    }
}
