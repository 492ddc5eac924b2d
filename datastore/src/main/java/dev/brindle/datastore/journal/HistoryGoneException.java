package dev.brindle.datastore.journal;

/** The journal no longer holds the changes a reader asked for (they were compacted); the reader must re-list. */
public final class HistoryGoneException extends Exception {
    private final long oldest;

    public HistoryGoneException(long afterRevision, long oldest) {
        super("changes after revision " + afterRevision + " are gone; the journal starts at " + oldest);
        this.oldest = oldest;
    }

    /** The oldest revision the journal still holds. */
    public long oldest() {
        return oldest;
    }
}
