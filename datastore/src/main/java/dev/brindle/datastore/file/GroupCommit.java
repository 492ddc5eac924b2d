package dev.brindle.datastore.file;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * Makes this process's journal appends durable, one fdatasync for every writer waiting at the time (group commit). A
 * writer appends its line under the store lock, releases the lock, then waits here until a sync covers its revision:
 * the first waiter syncs everything appended so far while the others queue behind it, and the next sync covers all of
 * them at once. Writers that came later may already have read (and built on) a change not yet synced; none of them is
 * acknowledged before a sync covering its own line, which covers the earlier ones in the same file too.
 */
final class GroupCommit {
    private final boolean fsync;
    private final Object monitor = new Object();
    // All guarded by monitor.
    private FileChannel segment;
    private long appended;
    private long durable;
    private boolean syncing;
    private long syncs;

    GroupCommit(boolean fsync) {
        this.fsync = fsync;
    }

    /** Under the store lock: {@code revision} was appended to {@code segment}. */
    void appended(FileChannel segment, long revision) {
        synchronized (monitor) {
            this.segment = segment;
            appended = Math.max(appended, revision);
        }
    }

    /** Under the store lock: everything appended up to {@code revision} is durable already (a segment was rolled). */
    void durableThrough(long revision) {
        synchronized (monitor) {
            durable = Math.max(durable, revision);
            monitor.notifyAll();
        }
    }

    /** How many syncs writers waited for (tests: that writers share them). */
    long syncs() {
        synchronized (monitor) {
            return syncs;
        }
    }

    /** Returns once {@code revision}, appended by this process, is on disk (at once without fsync). */
    void awaitDurable(long revision) throws IOException {
        if (!fsync) {
            return;
        }
        while (true) {
            FileChannel channel;
            long target;
            synchronized (monitor) {
                while (syncing && durable < revision) {
                    waitOn();
                }
                if (durable >= revision) {
                    return;
                }
                if (appended < revision) {
                    // Its append failed (the writer was told): no sync would ever cover it.
                    throw new IOException("revision " + revision + " was never appended to the journal");
                }
                syncing = true;
                channel = segment;
                target = appended;
            }
            boolean synced = false;
            try {
                channel.force(false);
                synced = true;
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (ClosedChannelException e) {
                // A writer rolled the segment meanwhile, synced it before closing it, and said so: look again.
                synchronized (monitor) {
                    if (segment == channel && durable < revision) {
                        throw new IOException("the journal was closed before revision " + revision + " was synced", e);
                    }
                }
            } finally {
                synchronized (monitor) {
                    syncing = false;
                    if (synced) {
                        durable = Math.max(durable, target);
                        syncs++;
                    }
                    monitor.notifyAll();
                }
            }
        }
    }

    private void waitOn() throws InterruptedIOException {
        try {
            monitor.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the journal to reach the disk");
        }
    }
}
