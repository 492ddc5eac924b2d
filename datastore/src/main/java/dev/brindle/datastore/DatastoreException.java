package dev.brindle.datastore;

/** A datastore operation failed: unreachable store, unreadable document, refused write. */
public class DatastoreException extends RuntimeException {
    public DatastoreException(String message) {
        super(message);
    }

    public DatastoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
