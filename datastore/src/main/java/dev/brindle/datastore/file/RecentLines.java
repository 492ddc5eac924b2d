package dev.brindle.datastore.file;

import dev.brindle.datastore.journal.Change;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest journal lines this process appended or read, shared by its watchers: without it each watch (the agent
 * runs six) would read every appended line from the file again and decode the JSON of its kind again. A line this
 * process appended carries the change it was made from, so nobody decodes it; one read from the file is decoded at
 * most once. Only whole lines, as they are in the file, get here.
 */
final class RecentLines {
    private static final int CAPACITY = 1024;

    private final Map<Long, Entry> lines = new ConcurrentHashMap<>();

    /** A line, where it ends in its segment, and its change once decoded. */
    static final class Entry {
        private final JournalLine line;
        private final Path segment;
        private final long end;
        private volatile Change change;

        Entry(JournalLine line, Path segment, long end, Change change) {
            this.line = line;
            this.segment = segment;
            this.end = end;
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
        return lines.get(revision);
    }

    /** Keeps a line (the first copy wins), forgetting the one {@link #CAPACITY} revisions older. */
    Entry add(Entry e) {
        long revision = e.line().revision();
        Entry kept = lines.putIfAbsent(revision, e);
        lines.remove(revision - CAPACITY);
        if (lines.size() > 2 * CAPACITY) {
            lines.clear(); // left over from a gap: forget it all, the file still has every line
        }
        return kept == null ? e : kept;
    }
}
