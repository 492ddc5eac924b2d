package dev.brindle.netlink;

import dev.brindle.netlink.jnr.NamespaceFd;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one platform thread that enters network namespaces. setns(2) moves only the calling OS thread, so a virtual
 * thread (which may resume on another carrier) must never call it, and a pooled thread left in a pod's namespace
 * would do later work in the wrong place. Each task: enter, run, return home in {@code finally}; if returning home
 * fails the thread is poisoned — it stops taking work and dies, and the next task starts a fresh thread (what
 * containernetworking's ns_linux.go does by leaving the Go thread locked). Threads inherit the namespace of their
 * creator, so the thread is always started from the submitting thread, never from inside a namespace, and tasks must
 * not start threads either.
 */
final class NamespaceThread {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceThread.class);
    private static final String THREAD_NAME = "brindle-netns";
    private static NamespaceThread current;

    private record Task<T>(NamespaceFd target, java.util.concurrent.Callable<T> action, CompletableFuture<T> result) {}

    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private volatile boolean poisoned;

    private NamespaceThread() {}

    /** Runs {@code action} inside {@code target} and returns its result (exceptions are rethrown as they are). */
    static <T> T call(NamespaceFd target, java.util.concurrent.Callable<T> action) {
        if (Thread.currentThread().getName().equals(THREAD_NAME)) {
            // The thread would wait for itself; and a nested switch could not restore the outer namespace.
            throw new IllegalStateException("namespace actions cannot nest: " + target.path());
        }
        var task = new Task<>(target, action, new CompletableFuture<T>());
        instance().queue.add(task);
        try {
            return task.result().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("namespace task failed in " + target.path(), e.getCause());
        }
    }

    private static synchronized NamespaceThread instance() {
        if (current == null || current.poisoned) {
            current = new NamespaceThread();
            Thread.ofPlatform().name(THREAD_NAME).daemon().start(current::loop);
        }
        return current;
    }

    private void loop() {
        try (NamespaceFd home = NamespaceFd.ofCurrentThread()) {
            while (!poisoned) {
                run(home, queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Tasks queued behind a poisoning one go to a fresh thread.
        Task<?> left;
        while ((left = queue.poll()) != null) {
            resubmit(left);
        }
    }

    private static <T> void resubmit(Task<T> task) {
        instance().queue.add(task);
    }

    private <T> void run(NamespaceFd home, Task<T> task) {
        try {
            task.target().enter();
        } catch (RuntimeException e) {
            task.result().completeExceptionally(e);
            return;
        }
        try {
            task.result().complete(task.action().call());
        } catch (Throwable t) {
            task.result().completeExceptionally(t);
        } finally {
            try {
                home.enter();
            } catch (RuntimeException e) {
                poisoned = true;
                LOG.error(
                        "could not return to the home network namespace after {}; retiring this thread",
                        task.target().path(),
                        e);
            }
        }
    }
}
