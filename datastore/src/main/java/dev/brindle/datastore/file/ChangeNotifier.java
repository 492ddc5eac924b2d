package dev.brindle.datastore.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes watchers when the journal grows: through inotify (the JDK's WatchService on Linux) for appends by other
 * processes, directly for this process's own commits (inotify reports those too; they are not signalled twice). Waiters also wake on a timeout, so a lost notification only
 * delays a delivery (by the poll interval), never loses it.
 */
final class ChangeNotifier implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    /** How long events gather between two reads: the delay it adds to a watch is far below a poll interval. */
    private static final long GATHER_MILLIS = 1;

    private final WatchService inotify;
    private final Predicate<Path> signalledAlready;
    private final ForeignAppends foreign;
    /** One per kind, so that a commit wakes only the watchers of its kind; inotify wakes all. */
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    private static final class Gate {
        private long generation; // guarded by this
    }

    /**
     * @param signalledAlready whether a modification of this journal file needs no signal: every byte in it was
     *     appended by this process, which signals its own commits
     * @param foreign told of every other modification, which wakes every watcher
     */
    ChangeNotifier(Path journalDir, Predicate<Path> signalledAlready, ForeignAppends foreign) {
        this.signalledAlready = signalledAlready;
        this.foreign = foreign;
        inotify = openInotify(journalDir);
        foreign.noticeWith(inotify != null, this::signalAll);
        if (inotify != null) {
            Thread.ofPlatform().daemon().name("brindle-journal-inotify").start(this::pump);
        }
    }

    /** Null when inotify is unavailable (e.g. fs.inotify.max_user_instances reached): watchers then poll. */
    private static WatchService openInotify(Path journalDir) {
        WatchService ws = null;
        try {
            ws = FileSystems.getDefault().newWatchService();
            journalDir.register(ws, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            return ws;
        } catch (IOException e) {
            LOG.warn("no inotify on {} ({}); watches will poll the journal every 250 ms", journalDir, e.getMessage());
            closeQuietly(ws);
            return null;
        }
    }

    private static void closeQuietly(WatchService ws) {
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    private void pump() {
        try {
            while (true) {
                WatchKey key = inotify.take();
                boolean others = false;
                for (WatchEvent<?> e : key.pollEvents()) {
                    others |= e.kind() != StandardWatchEventKinds.ENTRY_MODIFY
                            || !(e.context() instanceof Path file)
                            || !signalledAlready.test(file);
                }
                key.reset();
                if (others) {
                    foreign.noticed();
                }
                // inotify reports every append, this process's own too: during a burst, take them a batch at a time.
                Thread.sleep(GATHER_MILLIS);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("journal notifier stopped");
        } finally {
            // Nobody notices other processes' appends any more: readers look at the file themselves again.
            foreign.stopNoticing();
        }
    }

    /** This process committed a change to an object of {@code kind}. */
    void signal(String kind) {
        bump(gate(kind));
    }

    /** Another process appended to the journal: any watcher may have something to read. */
    void signalAll() {
        gates.values().forEach(ChangeNotifier::bump);
    }

    private Gate gate(String kind) {
        return gates.computeIfAbsent(kind, k -> new Gate());
    }

    private static void bump(Gate gate) {
        synchronized (gate) {
            gate.generation++;
            gate.notifyAll();
        }
    }

    /**
     * Returns at once when {@code pending} says there is something after {@code afterRevision}, else waits for a
     * signal for {@code kind} or {@code millis}. The generation is read before the check, so a signal racing with it
     * is not lost. A watcher not woken by other kinds' commits reads past them on its next wake-up.
     */
    void await(String kind, long afterRevision, long millis, LongPredicate pending) throws InterruptedException {
        Gate gate = gate(kind);
        long seen;
        synchronized (gate) {
            seen = gate.generation;
        }
        if (pending.test(afterRevision)) {
            return;
        }
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (gate) {
            while (gate.generation == seen) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                gate.wait(left);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(inotify);
    }
}
