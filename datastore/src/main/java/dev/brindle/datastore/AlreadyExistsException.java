package dev.brindle.datastore;

/** A create found the name taken. */
public final class AlreadyExistsException extends DatastoreException {
    public AlreadyExistsException(String message) {
        super(message);
    }
}
