package dev.brindle.datastore.journal;

import dev.brindle.datastore.SafeListener;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch over a journal, on its own thread: an optional initial list, then every change of the kind in revision
 * order. When the journal was compacted past the watcher (it fell far behind), it re-lists and delivers the difference
 * from what it had delivered, as a Kubernetes informer does after "410 Gone".
 */
final class JournalWatch<R extends Resource> implements Watch, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWatch.class);
    private static final int BATCH = 512;
    private static final long IDLE_WAIT_MILLIS = 250;
    /** How long changes gather after a delivery before the next read: far below anything a watcher reacts in. */
    private static final long GATHER_MILLIS = 1;

    private final JournaledDatastore store;
    private final Kind<R> kind;
    private final long fromRevision;
    private final Consumer<WatchEvent<R>> listener;
    private final Map<String, R> known = new HashMap<>();
    private volatile boolean closed;

    private JournalWatch(JournaledDatastore store, Kind<R> kind, long fromRevision, Consumer<WatchEvent<R>> listener) {
        this.store = store;
        this.kind = kind;
        this.fromRevision = fromRevision;
        this.listener = SafeListener.of(listener, kind.plural());
    }

    static <R extends Resource> Watch start(
            JournaledDatastore store, Kind<R> kind, long fromRevision, Consumer<WatchEvent<R>> listener) {
        if (fromRevision < 0) {
            throw new IllegalArgumentException("fromRevision must be 0 or more, got " + fromRevision);
        }
        var watch = new JournalWatch<>(store, kind, fromRevision, listener);
        Thread.ofPlatform().daemon().name("brindle-watch-" + kind.plural()).start(watch);
        return watch;
    }

    @Override
    public void run() {
        try {
            long position = fromRevision == 0 ? relist() : fromRevision;
            long syncAt = fromRevision == 0 ? position : store.revisionNow();
            boolean synced = fromRevision == 0;
            while (!closed) {
                JournaledDatastore.Batch batch;
                try {
                    batch = store.journalAfter(position, BATCH, kind);
                } catch (HistoryGoneException e) {
                    LOG.warn("watch on {} fell behind the journal, re-listing: {}", kind.plural(), e.getMessage());
                    position = relist();
                    synced = true;
                    continue;
                }
                for (Change c : batch.changes()) {
                    deliver(c);
                }
                position = Math.max(position, batch.through());
                if (!synced && position >= syncAt) {
                    synced = true;
                    emit(new WatchEvent.Synced<>(position));
                }
                if (!batch.changes().isEmpty()) {
                    // Under a burst of writes, one wake-up per write would cost more than the work it does: let the
                    // next changes gather for a moment and take them in one read.
                    Thread.sleep(GATHER_MILLIS);
                }
                // Returns at once when more is there: a second read right away would mostly find nothing.
                store.waitForChange(kind, position, IDLE_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("watch on {} in {} stopped", kind.plural(), store.describe(), e);
        }
    }

    private void deliver(Change change) {
        R r = kind.cast(change.resource());
        switch (change.type()) {
            case ADDED -> {
                known.put(r.name(), r);
                emit(new WatchEvent.Added<>(r));
            }
            case MODIFIED -> {
                known.put(r.name(), r);
                emit(new WatchEvent.Modified<>(r));
            }
            case DELETED -> {
                known.remove(r.name());
                emit(new WatchEvent.Deleted<>(r));
            }
        }
    }

    /** Lists the kind and delivers what differs from what was delivered so far; returns the list's revision. */
    private long relist() {
        JournaledDatastore.Snapshot<R> snapshot = store.snapshot(kind);
        var seen = new HashSet<String>();
        for (R r : snapshot.objects()) {
            seen.add(r.name());
            R before = known.put(r.name(), r);
            if (before == null) {
                emit(new WatchEvent.Added<>(r));
            } else if (before.revision() != r.revision()) {
                emit(new WatchEvent.Modified<>(r));
            }
        }
        for (var it = known.entrySet().iterator(); it.hasNext(); ) {
            R gone = it.next().getValue();
            if (!seen.contains(gone.name())) {
                it.remove();
                emit(new WatchEvent.Deleted<>(
                        kind.cast(gone.withMetadata(gone.metadata().withRevision(snapshot.revision())))));
            }
        }
        emit(new WatchEvent.Synced<>(snapshot.revision()));
        return snapshot.revision();
    }

    private void emit(WatchEvent<R> event) {
        if (!closed) {
            listener.accept(event);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
