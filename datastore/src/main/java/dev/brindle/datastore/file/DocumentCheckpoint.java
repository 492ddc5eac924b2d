package dev.brindle.datastore.file;

import dev.brindle.datastore.journal.Change;
import java.io.IOException;

/**
 * Brings the documents up to the journal: writes the newest state of every object the journal changed since the
 * last checkpoint (deleting the documents of deleted objects), then moves the {@link CheckpointMarker}. Writes only
 * append to the journal, so one checkpoint replaces the many document writes of a burst (an object changed a hundred
 * times is written once), and a writer's time under the store lock is its journal line.
 */
final class DocumentCheckpoint {
    private final DocumentFiles documents;
    private final PendingDocuments pending;
    private final CheckpointMarker marker;

    DocumentCheckpoint(DocumentFiles documents, PendingDocuments pending, CheckpointMarker marker) {
        this.documents = documents;
        this.pending = pending;
        this.marker = marker;
    }

    /**
     * Under the store lock, with {@link PendingDocuments} caught up to {@code lastRevision}, the journal's end. Every
     * change after the marker is in it (it started at or before the marker, and forgets only what a marker covers).
     * Returns how many documents it wrote or deleted.
     */
    int run(long lastRevision) throws IOException {
        long done = marker.read();
        int written = 0;
        if (done < lastRevision) {
            for (Change c : pending.after(done)) {
                if (c.type() == Change.Type.DELETED) {
                    documents.delete(c.resource().kind(), c.resource().name());
                } else {
                    documents.write(c.resource());
                }
                written++;
            }
            marker.write(lastRevision);
        }
        pending.forgetThrough(lastRevision);
        return written;
    }
}
