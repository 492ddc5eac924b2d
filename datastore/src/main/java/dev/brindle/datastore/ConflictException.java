package dev.brindle.datastore;

/** A compare-and-swap lost: the object changed since the caller read it. Re-read and retry. */
public final class ConflictException extends DatastoreException {
    public ConflictException(String message) {
        super(message);
    }
}
