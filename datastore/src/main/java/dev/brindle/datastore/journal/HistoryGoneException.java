package dev.brindle.datastore.journal;

/** The journal no longer holds the changes a reader asked for (they were compacted); the reader must re-list. */
public final class HistoryGoneException extends Exception {
    public HistoryGoneException(long afterRevision, long oldest) {
        super("changes after revision " + afterRevision + " are gone; the journal starts at " + oldest);
    }
}
