package dev.brindle.datastore.journal;

import dev.brindle.datastore.AlreadyExistsException;
import dev.brindle.datastore.ConflictException;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.NotFoundException;
import dev.brindle.datastore.OpenWatches;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The datastore semantics (create, compare-and-swap update and delete, ordered watches) written once over a journal
 * of {@link Change}s. A backend supplies a writer lock, the current objects and the journal: the in-memory store keeps
 * them in maps and a list, the file store in documents and an append-only log.
 */
public abstract class JournaledDatastore implements Datastore {
    private final OpenWatches watches = new OpenWatches();

    /** Taken around every write and around the snapshot a watch starts from; re-entrant ({@link #writeBatch}). */
    protected abstract WriteLock lockForWrite();

    /** The revision of the newest committed change (0 for an empty store); called under the write lock. */
    protected abstract long lastRevision();

    /**
     * Makes a change visible to readers and journal readers, and starts making it durable; called under the write lock.
     * The writer is acknowledged only after {@link #awaitDurable}.
     */
    protected abstract void commit(Change change);

    /**
     * Returns once the change at {@code revision} this store committed is durable; called after the write lock was
     * released, so that writers queued behind it can share one disk sync (group commit).
     */
    protected void awaitDurable(long revision) {}

    /** This thread's open {@link #deferSync} scope: how deep, and the newest revision it wrote. */
    private final ThreadLocal<Deferred> deferred = new ThreadLocal<>();

    private static final class Deferred {
        int depth;
        long newest;
    }

    @Override
    public SyncScope deferSync() {
        Deferred d = deferred.get();
        if (d == null) {
            d = new Deferred();
            deferred.set(d);
        }
        d.depth++;
        Deferred scope = d;
        return () -> {
            if (--scope.depth == 0) {
                deferred.remove();
                if (scope.newest > 0) {
                    awaitDurable(scope.newest);
                }
            }
        };
    }

    @Override
    public WriteBatch writeBatch() {
        WriteLock lock = lockForWrite();
        return lock::close;
    }

    /** Waits for a write to be durable, or leaves that to the thread's open scope. */
    private void acknowledge(long revision) {
        Deferred d = deferred.get();
        if (d == null) {
            awaitDurable(revision);
        } else {
            d.newest = Math.max(d.newest, revision);
        }
    }

    protected abstract <R extends Resource> Optional<R> read(Kind<R> kind, String name);

    protected abstract <R extends Resource> List<R> readAll(Kind<R> kind);

    /**
     * The changes to objects of {@code kind} among the next (at most {@code max}) changes after {@code afterRevision},
     * oldest first, and the revision the reader got through (so that changes to other kinds still move it on).
     */
    protected abstract Batch changesAfter(long afterRevision, int max, Kind<?> kind) throws HistoryGoneException;

    /** What one journal read found. */
    public record Batch(List<Change> changes, long through) {}

    /**
     * Waits (at most {@code millis}) until a change after {@code afterRevision} may be there; a backend may wake the
     * watcher of {@code kind} only for changes to that kind, as long as it wakes it within {@code millis} anyway.
     */
    protected abstract void awaitChange(Kind<?> kind, long afterRevision, long millis) throws InterruptedException;

    /** The writer lock of a store: released by close. */
    public interface WriteLock extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public <R extends Resource> Optional<R> get(Kind<R> kind, String name) {
        return read(kind, name);
    }

    @Override
    public <R extends Resource> List<R> list(Kind<R> kind) {
        return readAll(kind);
    }

    @Override
    public <R extends Resource> R create(R resource) {
        Kind<R> kind = kindOf(resource);
        R stored;
        try (WriteLock ignored = lockForWrite()) {
            if (read(kind, resource.name()).isPresent()) {
                throw new AlreadyExistsException(kind + " " + resource.name() + " already exists in " + describe());
            }
            long revision = lastRevision() + 1;
            stored = kind.cast(resource.withMetadata(resource.metadata()
                    .stored(
                            revision,
                            UUID.randomUUID().toString(),
                            Instant.now().truncatedTo(ChronoUnit.SECONDS))));
            commit(new Change(revision, Change.Type.ADDED, stored));
        }
        acknowledge(stored.revision());
        return stored;
    }

    @Override
    public <R extends Resource> R update(R resource) {
        if (resource.revision() == 0) {
            throw new IllegalArgumentException("update needs the revision the change is based on; " + resource.kind()
                    + " " + resource.name() + " has none (use create, or apply)");
        }
        Kind<R> kind = kindOf(resource);
        R stored;
        try (WriteLock ignored = lockForWrite()) {
            R current = currentAt(kind, resource.name(), resource.revision());
            long revision = lastRevision() + 1;
            stored = kind.cast(resource.withMetadata(resource.metadata()
                    .stored(
                            revision,
                            current.metadata().uid(),
                            current.metadata().creationTimestamp())));
            commit(new Change(revision, Change.Type.MODIFIED, stored));
        }
        acknowledge(stored.revision());
        return stored;
    }

    @Override
    public boolean delete(Kind<?> kind, String name) {
        long revision;
        try (WriteLock ignored = lockForWrite()) {
            Optional<? extends Resource> current = read(kind, name);
            if (current.isEmpty()) {
                return false;
            }
            revision = commitDelete(current.get());
        }
        acknowledge(revision);
        return true;
    }

    @Override
    public void delete(Resource resource) {
        long revision;
        try (WriteLock ignored = lockForWrite()) {
            revision = commitDelete(currentAt(resource.kind(), resource.name(), resource.revision()));
        }
        acknowledge(revision);
    }

    private long commitDelete(Resource current) {
        long revision = lastRevision() + 1;
        Resource last = current.withMetadata(current.metadata().withRevision(revision));
        commit(new Change(revision, Change.Type.DELETED, last));
        return revision;
    }

    private <R extends Resource> R currentAt(Kind<R> kind, String name, long expected) {
        R current = read(kind, name)
                .orElseThrow(() -> new NotFoundException(kind + " " + name + " does not exist in " + describe()));
        if (current.revision() != expected) {
            throw new ConflictException(kind + " " + name + " changed: it is at revision " + current.revision()
                    + ", the update was based on " + expected + "; re-read it and retry");
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static <R extends Resource> Kind<R> kindOf(R resource) {
        return (Kind<R>) resource.kind();
    }

    /** The objects of a kind and the revision they are consistent at, read under the write lock. */
    record Snapshot<R extends Resource>(long revision, List<R> objects) {}

    <R extends Resource> Snapshot<R> snapshot(Kind<R> kind) {
        try (WriteLock ignored = lockForWrite()) {
            return new Snapshot<>(lastRevision(), readAll(kind));
        }
    }

    long revisionNow() {
        try (WriteLock ignored = lockForWrite()) {
            return lastRevision();
        }
    }

    Batch journalAfter(long afterRevision, int max, Kind<?> kind) throws HistoryGoneException {
        return changesAfter(afterRevision, max, kind);
    }

    void waitForChange(Kind<?> kind, long afterRevision, long millis) throws InterruptedException {
        awaitChange(kind, afterRevision, millis);
    }

    @Override
    public <R extends Resource> Watch watch(Kind<R> kind, long fromRevision, Consumer<WatchEvent<R>> listener) {
        return watches.track(JournalWatch.start(this, kind, fromRevision, listener));
    }

    /** Stops every watch still open; backends call it when they close. */
    protected final void closeWatches() {
        watches.closeAll();
    }
}
