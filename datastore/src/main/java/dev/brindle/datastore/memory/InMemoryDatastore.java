package dev.brindle.datastore.memory;

import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.journal.HistoryGoneException;
import dev.brindle.datastore.journal.JournaledDatastore;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A datastore in this JVM's memory, for unit tests of IPAM and the agent. Keeps the last 100,000 changes. */
public final class InMemoryDatastore extends JournaledDatastore {
    private static final int MAX_HISTORY = 100_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Kind<?>, TreeMap<String, Resource>> objects = new HashMap<>();
    private final ArrayList<Change> journal = new ArrayList<>();
    private long revision;

    @Override
    protected WriteLock lockForWrite() {
        lock.lock();
        return lock::unlock;
    }

    @Override
    protected long lastRevision() {
        return revision;
    }

    @Override
    protected void commit(Change change) {
        var ofKind = objects.computeIfAbsent(change.resource().kind(), k -> new TreeMap<>());
        if (change.type() == Change.Type.DELETED) {
            ofKind.remove(change.resource().name());
        } else {
            ofKind.put(change.resource().name(), change.resource());
        }
        revision = change.revision();
        journal.add(change);
        if (journal.size() > MAX_HISTORY) {
            journal.subList(0, MAX_HISTORY / 2).clear();
        }
        changed.signalAll();
    }

    @Override
    protected <R extends Resource> Optional<R> read(Kind<R> kind, String name) {
        lock.lock();
        try {
            return Optional.ofNullable(
                            objects.getOrDefault(kind, new TreeMap<>()).get(name))
                    .map(kind::cast);
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected <R extends Resource> List<R> readAll(Kind<R> kind) {
        lock.lock();
        try {
            return objects.getOrDefault(kind, new TreeMap<>()).values().stream()
                    .map(kind::cast)
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected Batch changesAfter(long afterRevision, int max, Kind<?> kind) throws HistoryGoneException {
        lock.lock();
        try {
            if (journal.isEmpty() || afterRevision >= revision) {
                return new Batch(List.of(), afterRevision);
            }
            long oldest = journal.getFirst().revision();
            if (afterRevision + 1 < oldest) {
                throw new HistoryGoneException(afterRevision, oldest);
            }
            int from = (int) (afterRevision + 1 - oldest);
            List<Change> scanned = journal.subList(from, Math.min(journal.size(), from + max));
            return new Batch(
                    scanned.stream()
                            .filter(c -> c.resource().kind().equals(kind))
                            .toList(),
                    scanned.getLast().revision());
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void awaitChange(Kind<?> kind, long afterRevision, long millis) throws InterruptedException {
        lock.lock();
        try {
            if (revision <= afterRevision) {
                changed.await(millis, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
        closeWatches();
    }
}
