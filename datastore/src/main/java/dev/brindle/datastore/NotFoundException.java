package dev.brindle.datastore;

/** An update or revision-checked delete found no object of that name. */
public final class NotFoundException extends DatastoreException {
    public NotFoundException(String message) {
        super(message);
    }
}
