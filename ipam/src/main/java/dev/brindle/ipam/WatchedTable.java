package dev.brindle.ipam;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One kind's objects as a watch last delivered them, merged with this process's own writes (write-through), keyed by
 * name. Revisions decide: an event older than what the table holds is ignored, and a deletion leaves a tombstone so
 * that a late event for the object cannot bring it back.
 */
final class WatchedTable<V> {
    /** A live value, or a tombstone ({@code value == null}) at the revision of the deletion. */
    private record Entry<V>(Versioned<V> value, long revision) {}

    private final Map<String, Entry<V>> rows = new ConcurrentHashMap<>();
    /** Keys that may hold a tombstone: pruning looks only at these, not at every row, on every event. */
    private final Set<String> tombstones = ConcurrentHashMap.newKeySet();

    Optional<Versioned<V>> get(String key) {
        Entry<V> e = rows.get(key);
        return e == null ? Optional.empty() : Optional.ofNullable(e.value());
    }

    List<Versioned<V>> values() {
        return rows.values().stream().map(Entry::value).filter(v -> v != null).toList();
    }

    /** The names of the live objects, sorted. */
    List<String> keys() {
        return rows.entrySet().stream()
                .filter(e -> e.getValue().value() != null)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Whether the table holds the object at {@code revision} or later already (our own write, seen again). */
    boolean holdsAtLeast(String key, long revision) {
        Entry<V> e = rows.get(key);
        return e != null && e.revision() >= revision;
    }

    /** A stored value (from a watch event or our own successful write). */
    void stored(String key, Versioned<V> value) {
        long rev = Long.parseLong(value.revision());
        rows.compute(key, (k, old) -> old != null && old.revision() > rev ? old : new Entry<>(value, rev));
    }

    /** A deletion at {@code revision} (or, for our own delete, at least that revision). */
    void deleted(String key, long revision) {
        rows.compute(key, (k, old) -> old != null && old.revision() > revision ? old : new Entry<>(null, revision));
        tombstones.add(key); // after the tombstone is in: a prune in between must not drop the key for a live row
    }

    /** Forgets tombstones the watch has moved past: no older event can arrive for them any more. */
    void prune(long watchedRevision) {
        for (var it = tombstones.iterator(); it.hasNext(); ) {
            String key = it.next();
            Entry<V> gone = rows.computeIfPresent(
                    key, (k, e) -> e.value() == null && e.revision() <= watchedRevision ? null : e);
            if (gone == null || gone.value() != null) {
                it.remove();
            }
        }
    }

    /** Replaces what the table knows of one key by what the store says now (after a lost compare-and-swap). */
    void refresh(String key, Optional<Versioned<V>> now) {
        if (now.isPresent()) {
            rows.put(key, new Entry<>(now.get(), Long.parseLong(now.get().revision())));
        } else {
            Entry<V> old = rows.get(key);
            rows.put(key, new Entry<>(null, old == null ? 0 : old.revision() + 1));
            tombstones.add(key);
        }
    }
}
