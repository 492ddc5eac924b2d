package dev.brindle.datastore;

import dev.brindle.datastore.resource.Resource;

/** One change seen by a watch. For {@link Deleted}, the object is its last state with the deletion's revision. */
public sealed interface WatchEvent<R extends Resource> {
    /** The store revision of this event. */
    long revision();

    record Added<R extends Resource>(R resource) implements WatchEvent<R> {
        public long revision() {
            return resource.revision();
        }
    }

    record Modified<R extends Resource>(R resource) implements WatchEvent<R> {
        public long revision() {
            return resource.revision();
        }
    }

    record Deleted<R extends Resource>(R resource) implements WatchEvent<R> {
        public long revision() {
            return resource.revision();
        }
    }

    /** Everything up to {@code revision} was delivered: the watcher's view is complete. */
    record Synced<R extends Resource>(long revision) implements WatchEvent<R> {}
}
