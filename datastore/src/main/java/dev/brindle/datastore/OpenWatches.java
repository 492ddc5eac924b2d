package dev.brindle.datastore;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The watches a store handed out and that are still open, so that closing the store stops them too. */
public final class OpenWatches {
    private final Set<Watch> open = ConcurrentHashMap.newKeySet();

    /** Remembers {@code watch} until it is closed (by its owner or by {@link #closeAll}). */
    public Watch track(Watch watch) {
        Watch tracked = new Watch() {
            @Override
            public void close() {
                open.remove(this);
                watch.close();
            }
        };
        open.add(tracked);
        return tracked;
    }

    public void closeAll() {
        for (Watch w : List.copyOf(open)) {
            w.close();
        }
    }
}
