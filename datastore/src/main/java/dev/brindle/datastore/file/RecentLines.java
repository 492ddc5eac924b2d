package dev.brindle.datastore.file;

import dev.brindle.datastore.journal.Change;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The newest journal lines this process appended or read, shared by its watchers: without it each watch (the agent
 * runs six) would read every appended line from the file again and decode the JSON of its kind again. A line this
 * process appended carries the change it was made from, so nobody decodes it; one read from the file is decoded at
 * most once. Only whole lines, as they are in the file, get here.
 *
 * <p>Revisions are consecutive, so the lines live in a ring indexed by revision: a slot holds the newest revision that
 * mapped to it, and {@link #CAPACITY} revisions later it is overwritten.
 */
final class RecentLines {
    private static final int CAPACITY = 1024;

    private final AtomicReferenceArray<Entry> ring = new AtomicReferenceArray<>(CAPACITY);

    /**
     * A line, where it ends in its segment, its change once decoded, and the {@link ForeignAppends} generation at
     * which every line after it in the file was this process's own ({@link ForeignAppends#UNKNOWN} for a line read
     * from the file: others may follow it).
     */
    static final class Entry {
        private final JournalLine line;
        private final Path segment;
        private final long end;
        private final long ownAfter;
        private volatile Change change;

        Entry(JournalLine line, Path segment, long end, long ownAfter, Change change) {
            this.line = line;
            this.segment = segment;
            this.end = end;
            this.ownAfter = ownAfter;
            this.change = change;
        }

        JournalLine line() {
            return line;
        }

        Path segment() {
            return segment;
        }

        long end() {
            return end;
        }

        long ownAfter() {
            return ownAfter;
        }

        Change change() {
            Change c = change;
            if (c == null) {
                c = line.decode(segment.getFileName() + " revision " + line.revision());
                change = c;
            }
            return c;
        }
    }

    Entry get(long revision) {
        Entry e = ring.get(slot(revision));
        return e != null && e.line().revision() == revision ? e : null;
    }

    /** Keeps a line (the first copy of a revision wins; an older revision than its slot holds is not kept). */
    Entry add(Entry e) {
        long revision = e.line().revision();
        int slot = slot(revision);
        while (true) {
            Entry held = ring.get(slot);
            if (held != null && held.line().revision() >= revision) {
                return held.line().revision() == revision ? held : e;
            }
            if (ring.compareAndSet(slot, held, e)) {
                return e;
            }
        }
    }

    private static int slot(long revision) {
        return (int) Math.floorMod(revision, (long) CAPACITY);
    }
}
