package dev.brindle.datastore;

import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where brindle keeps its resources. Every write is atomic and gets a new, strictly increasing store revision, which
 * becomes the object's {@code metadata.revision}. Updates and revision-checked deletes are compare-and-swap: they
 * succeed only when the caller's copy is the stored one, else {@link ConflictException} — re-read, re-apply the
 * change, retry ({@link Retry#onConflict}).
 */
public interface Datastore extends AutoCloseable {

    <R extends Resource> Optional<R> get(Kind<R> kind, String name);

    /** Every object of a kind, sorted by name. */
    <R extends Resource> List<R> list(Kind<R> kind);

    /** Stores a new object; {@link AlreadyExistsException} if the name is taken. Returns it as stored. */
    <R extends Resource> R create(R resource);

    /**
     * Replaces an object if it is still at {@code resource.revision()}: {@link ConflictException} when someone wrote
     * it since, {@link NotFoundException} when it is gone. Returns it as stored (with its new revision).
     */
    <R extends Resource> R update(R resource);

    /** Deletes an object whatever its revision; false when there was none. */
    boolean delete(Kind<?> kind, String name);

    /** Deletes an object only if it is still at {@code resource.revision()} (else {@link ConflictException}). */
    void delete(Resource resource);

    /**
     * Delivers, on one thread and in revision order, every change to objects of {@code kind} after {@code fromRevision}.
     * With {@code fromRevision == 0} it first delivers every existing object as {@link WatchEvent.Added}; either way a
     * {@link WatchEvent.Synced} follows once the events up to the store's revision at the start were delivered.
     */
    <R extends Resource> Watch watch(Kind<R> kind, long fromRevision, Consumer<WatchEvent<R>> listener);

    /**
     * Creates the object, or replaces the stored one's spec, labels and annotations (keeping its identity), retrying
     * lost races: what {@code brindlectl apply} does.
     */
    default <R extends Resource> R apply(R resource) {
        @SuppressWarnings("unchecked")
        Kind<R> kind = (Kind<R>) resource.kind();
        return Retry.onConflict(() -> get(kind, resource.name())
                .map(current -> update(kind.cast(resource.withMetadata(current.metadata()
                        .withLabels(resource.metadata().labels())
                        .withAnnotations(resource.metadata().annotations())))))
                .orElseGet(() -> create(resource)));
    }

    /**
     * Opens a scope in which this thread's writes return without waiting for the disk; closing it waits once for all
     * of them, so that a request of several writes costs one disk sync (the file store's fdatasync) instead of one
     * each. Writes in the scope are visible to readers and watchers at once, as ever; what a power cut can take is a
     * tail of them, as if the writer had stopped between two writes, so use it only where each write already keeps
     * the store consistent on its own (the allocator's ordered writes). Stores whose writes are durable when they
     * return (memory, kubernetes) need nothing: the default scope does nothing. Scopes nest; the outermost waits.
     */
    default SyncScope deferSync() {
        return () -> {};
    }

    /**
     * Opens a scope in which this thread keeps the store's write lock between its writes, so that a run of writes
     * takes it (and catches up with other processes) once instead of once each; other writers, in this process and
     * others, wait for the whole run. Hold it only around work that does not wait on anything else, and close it
     * before waiting for the disk ({@link #deferSync}). Stores whose writes take no lock return a scope that does
     * nothing. Scopes nest.
     */
    default WriteBatch writeBatch() {
        return () -> {};
    }

    /** Closed by {@link #writeBatch}'s caller when its run of writes is done. */
    interface WriteBatch extends AutoCloseable {
        @Override
        void close();
    }

    /** Closed by {@link #deferSync}'s caller when its writes are done. */
    interface SyncScope extends AutoCloseable {
        @Override
        void close();
    }

    /** A short description for logs and errors, e.g. {@code file:/var/lib/brindle/store}. */
    String describe();

    @Override
    void close();
}
