package dev.brindle.datastore.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes watchers when the journal grows: through inotify (the JDK's WatchService on Linux) for appends by other
 * processes, directly for this process's own commits. Waiters also wake on a timeout, so a lost notification only
 * delays a delivery (by the poll interval), never loses it.
 */
final class ChangeNotifier implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final WatchService inotify;
    private final Object monitor = new Object();
    private long generation;

    ChangeNotifier(Path journalDir) throws IOException {
        inotify = FileSystems.getDefault().newWatchService();
        journalDir.register(inotify, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        Thread.ofPlatform().daemon().name("brindle-journal-inotify").start(this::pump);
    }

    private void pump() {
        try {
            while (true) {
                WatchKey key = inotify.take();
                key.pollEvents();
                key.reset();
                signal();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("journal notifier stopped");
        }
    }

    void signal() {
        synchronized (monitor) {
            generation++;
            monitor.notifyAll();
        }
    }

    /**
     * Returns at once when {@code pending} says there is something after {@code afterRevision}, else waits for a
     * signal or {@code millis}. The generation is read before the check, so a signal racing with it is not lost.
     */
    void await(long afterRevision, long millis, LongPredicate pending) throws InterruptedException {
        long seen;
        synchronized (monitor) {
            seen = generation;
        }
        if (pending.test(afterRevision)) {
            return;
        }
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (monitor) {
            while (generation == seen) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                monitor.wait(left);
            }
        }
    }

    @Override
    public void close() throws IOException {
        inotify.close();
    }
}
