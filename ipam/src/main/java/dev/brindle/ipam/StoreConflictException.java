package dev.brindle.ipam;

/**
 * A compare-and-swap lost: the object changed (or was created, or deleted) since it was read. The allocator re-reads
 * and retries (calico-facts.md §2.5).
 */
public final class StoreConflictException extends Exception {
    public StoreConflictException(String message) {
        super(message);
    }

    public StoreConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
