package dev.brindle.ipam;

import dev.brindle.datastore.Datastore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs the IPAM requests of one node one at a time, as Calico's CNI does with its host-local lock, but in batches:
 * every request queued while a batch runs joins the next one, and a batch's writes wait for one disk sync ({@link
 * Datastore#deferSync}) before any of its callers is answered. Two threads take turns: while one waits for its batch's
 * sync, the other already runs the next batch. Under a burst of CNI calls this replaces a lock handed from thread to
 * thread (a context switch per request) and a sync per request with a hand-over and a sync per batch. A request that
 * finds nobody waiting runs on its caller's thread, as under a lock: its work, then its sync.
 */
public final class BatchedRequests {
    /** Requests per batch at most: a caller waits for at most this many others' work. */
    private static final int MAX_BATCH = 64;
    /** One runs a batch while the other waits for the previous batch's sync. */
    private static final int DRAINERS = 2;

    private final Supplier<Datastore.SyncScope> durable;
    private final Supplier<Datastore.WriteBatch> locked;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    /** Held while a batch runs: requests never overlap. */
    private final ReentrantLock turn = new ReentrantLock();

    private final AtomicInteger drainers = new AtomicInteger();
    private final ThreadPoolExecutor workers;

    /**
     * {@code durable} opens the scope a batch's writes wait in for one sync (the allocator's deferSync), {@code
     * locked} the one in which they take the store's lock once (its writeBatch).
     */
    public BatchedRequests(String name, Supplier<Datastore.SyncScope> durable, Supplier<Datastore.WriteBatch> locked) {
        this.durable = durable;
        this.locked = locked;
        // Gone after a minute idle: nothing to stop, and nothing left behind by tests.
        this.workers = new ThreadPoolExecutor(
                DRAINERS,
                DRAINERS,
                1,
                TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform()
                        .daemon()
                        .name("brindle-ipam-" + name + "-", 0)
                        .factory());
        workers.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code request} after the requests queued before it, and returns its result once its writes are on disk.
     * Its exception, if it throws, is rethrown here. Called from a request already running, it runs at once, as part
     * of that request.
     */
    public <T> T run(Supplier<T> request) {
        if (turn.isHeldByCurrentThread()) {
            return request.get();
        }
        Task<T> task = new Task<>(request);
        if (drainers.get() == 0 && queue.isEmpty() && turn.tryLock()) {
            // Nobody else is waiting: run it here, as a lock would, without handing it to another thread.
            runBatch(List.of(task));
            return task.answer();
        }
        queue.add(task);
        startDrainerIfNeeded();
        return task.answer();
    }

    /** Starts a drainer unless two run; called after queueing, so a drainer that stops re-checks the queue after. */
    private void startDrainerIfNeeded() {
        for (int n; (n = drainers.get()) < DRAINERS; ) {
            if (drainers.compareAndSet(n, n + 1)) {
                workers.execute(this::drain);
                return;
            }
        }
    }

    private void drain() {
        boolean running = true;
        try {
            while (running) {
                List<Task<?>> batch = new ArrayList<>();
                turn.lock();
                queue.drainTo(batch, MAX_BATCH);
                if (!batch.isEmpty()) {
                    runBatch(batch);
                    continue;
                }
                turn.unlock();
                drainers.decrementAndGet();
                running = false;
                // A caller that queued meanwhile may have seen two drainers and started none: take it on.
                if (!queue.isEmpty()) {
                    startDrainerIfNeeded();
                }
            }
        } catch (RuntimeException | Error e) {
            drainers.decrementAndGet(); // the next caller starts a new drainer
            throw e;
        }
    }

    /**
     * With the turn held: runs the batch in one sync scope, taking the store's lock once, gives the turn back, then
     * waits for the sync and answers the callers.
     */
    private void runBatch(List<Task<?>> batch) {
        Datastore.SyncScope sync = null;
        RuntimeException storeFailed = null;
        try {
            sync = durable.get();
            try (Datastore.WriteBatch writes = locked.get()) {
                batch.forEach(Task::execute);
            }
        } catch (RuntimeException e) {
            storeFailed = e; // the store's lock could not be taken or given back: fail the batch, go on
        } finally {
            turn.unlock();
        }
        finish(batch, sync, storeFailed);
    }

    /** Waits, outside the turn, for the batch's sync, then answers its callers. */
    private static void finish(List<Task<?>> batch, Datastore.SyncScope sync, RuntimeException storeFailed) {
        RuntimeException failed = storeFailed;
        try {
            if (sync != null) {
                sync.close();
            }
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed; // the sync failed: no answer may say its writes are on disk
        }
        for (Task<?> t : batch) {
            t.finish(failed);
        }
    }

    /** One request, its outcome once run, and its caller's wait. */
    private static final class Task<T> {
        private final Supplier<T> request;
        private final CompletableFuture<T> answer = new CompletableFuture<>();
        private T result;
        private Throwable failure;

        Task(Supplier<T> request) {
            this.request = request;
        }

        void execute() {
            try {
                result = request.get();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        void finish(RuntimeException syncFailed) {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else if (syncFailed != null) {
                answer.completeExceptionally(syncFailed);
            } else {
                answer.complete(result);
            }
        }

        T answer() {
            try {
                return answer.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }
}
