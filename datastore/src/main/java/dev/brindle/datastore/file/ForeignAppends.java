package dev.brindle.datastore.file;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What this process knows of other processes' appends to the journal: a generation that moves whenever one is
 * noticed, either by inotify (an append that did not end where this process's own last one did, or a new segment) or
 * by a writer's catch-up under the lock taking in lines it did not write.
 *
 * <p>It lets a reader skip the file. Every line after one this process appended at generation {@code g}, and after
 * the end of a read that reached the end of the file at {@code g}, is either this process's own append, which its
 * readers have in memory ({@link RecentLines}), or another process's, appended later and so noticed later, which
 * moves the generation past {@code g}. Without inotify nothing is noticed in time, so readers always look.
 *
 * <p>The generation also moves on by itself every {@link #TRUST_NANOS}: should a notification ever go missing, a
 * reader looks at the file again within that time anyway, as it did when it polled.
 */
final class ForeignAppends {
    /** A generation no reader may trust: a read that stopped before the end of the file has this one. */
    static final long UNKNOWN = -1;

    private static final long TRUST_NANOS = 250_000_000;

    private final LongSupplier nanoTime;
    private final AtomicLong noticed = new AtomicLong();
    private volatile boolean noticing;
    private volatile Runnable onNoticed = () -> {};

    /** The generation: the time in units of {@link #TRUST_NANOS} in the high half, appends noticed in the low. */
    ForeignAppends(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    long now() {
        return (nanoTime.getAsLong() / TRUST_NANOS) << 32 | (noticed.get() & 0xffff_ffffL);
    }

    /** Whether another process may have appended since {@code seenAt}: then the file must be read. */
    boolean movedSince(long seenAt) {
        return !noticing || seenAt == UNKNOWN || now() != seenAt;
    }

    /** Another process appended (or may have: an inotify queue overflow): readers look at the file again. */
    void noticed() {
        noticed.incrementAndGet();
        onNoticed.run();
    }

    /** Whether appends are noticed as they happen (inotify watches the journal) and who to wake when one is. */
    void noticeWith(boolean watching, Runnable wake) {
        onNoticed = wake;
        noticing = watching;
    }

    /** The watch on the journal stopped: from now on readers always look. */
    void stopNoticing() {
        noticing = false;
    }
}
