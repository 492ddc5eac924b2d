package dev.brindle.datastore.file;

import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.journal.HistoryGoneException;
import dev.brindle.datastore.journal.JournaledDatastore.Batch;
import dev.brindle.datastore.resource.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads journal segments for watchers, without the lock: only whole lines (newline-terminated, checksum right) count,
 * so a line being appended is simply not there yet. Remembers where each recently read revision ends, so that a
 * watcher's next read starts there instead of at the top of the segment.
 */
final class JournalReader {
    private static final int MAX_POSITIONS = 1024;

    private final FileJournal journal;
    private final RecentLines recent = new RecentLines();
    private final Map<Long, Position> positions = new ConcurrentHashMap<>();

    /**
     * Where the line after {@code revision} starts, how long the segment was when it was read, and the
     * {@link ForeignAppends} generation at which what follows was all this process's own.
     */
    private record Position(Path segment, long offset, long seenSize, long ownAfter) {}

    /**
     * Whether a read looks at the file whenever memory holds nothing new ({@code ALWAYS}: a get or list must see a
     * write another process committed a moment ago), or trusts that another process's append would have been noticed
     * ({@code WHEN_NOTICED}: a watch, which delivers a moment later anyway).
     */
    enum Look {
        ALWAYS,
        WHEN_NOTICED
    }

    JournalReader(FileJournal journal) {
        this.journal = journal;
    }

    /** This process's appends and the lines its readers read, newest first for every reader. */
    RecentLines recent() {
        return recent;
    }

    boolean mayHaveAfter(long after, Look look) {
        Position p = positionAfter(after);
        if (p == null || recent.get(after + 1) != null) {
            return true;
        }
        if (look == Look.WHEN_NOTICED && !journal.foreignAppends().movedSince(p.ownAfter)) {
            return false; // only this process appended since: those lines are in memory, and there is none
        }
        try {
            // Read to the end of its segment: the next line is further down it, or first in a segment named for it.
            return Files.size(p.segment) > p.seenSize
                    || Files.exists(journal.dir().resolve(FileJournal.segmentName(after + 1)));
        } catch (IOException e) {
            return true;
        }
    }

    /** The changes of {@code kind} (of every kind when null) among the next {@code max} lines after {@code after}. */
    Batch read(long after, int max, Kind<?> kind, Look look) throws IOException, HistoryGoneException {
        // The directory is listed only to find where to start: a watcher that keeps up reads lines this process
        // appended or read from memory, and reads the file only for what other processes appended.
        var scan = new Scan(after, max, kind);
        Position at = scan.fromRecent();
        if (at != null) {
            // Served from memory; what follows in the file (other processes' lines) is the next read's.
            remember(scan.through, at);
            return new Batch(scan.changes, scan.through);
        }
        at = positionAfter(after);
        ForeignAppends foreign = journal.foreignAppends();
        if (look == Look.WHEN_NOTICED && at != null && !foreign.movedSince(at.ownAfter)) {
            return new Batch(List.of(), after); // nothing after it but this process's own appends, all read
        }
        // Taken before the file is read: an append by another process during the read moves it on.
        long generation = foreign.now();
        List<Path> segments = null;
        if (at == null) {
            segments = journal.segments();
            if (segments.isEmpty()) {
                return new Batch(List.of(), after);
            }
            at = new Position(segmentHolding(segments, scan.through + 1), 0, 0, ForeignAppends.UNKNOWN);
        }
        while (!scan.full()) {
            byte[] bytes = readFrom(at.segment, at.offset);
            if (bytes == null) {
                throw new HistoryGoneException(
                        scan.through,
                        FileJournal.firstRevisionOf(journal.segments().getFirst()));
            }
            int consumed = scan.lines(bytes, at.segment, at.offset);
            // Stopped at its limit, it has seen only what it consumed: the rest is there for the next read.
            long seen = at.offset + (scan.full() ? consumed : bytes.length);
            // Stopped at this process's append in flight, it read everything before it, and only this process
            // appends until that one is done.
            long ownAfter = scan.atOwnAppend ? generation : ForeignAppends.UNKNOWN;
            at = new Position(at.segment, at.offset + consumed, seen, ownAfter);
            if (scan.full() || bytes.length > 0) {
                break;
            }
            // Read to its end: the next line, if any, starts a segment named for it.
            Path next = journal.dir().resolve(FileJournal.segmentName(scan.through + 1));
            if (!Files.exists(next)) {
                // The whole journal as it was at that generation is read: what comes later, readers learn of.
                at = new Position(at.segment, at.offset, at.seenSize, generation);
                break;
            }
            at = new Position(next, 0, 0, ForeignAppends.UNKNOWN);
        }
        remember(scan.through, at);
        return new Batch(scan.changes, scan.through);
    }

    /** What one read collected: the changes of its kind, and how far it got. */
    private final class Scan {
        final List<Change> changes = new ArrayList<>();
        final int max;
        final Kind<?> kind;
        long through;
        int scanned;
        boolean atOwnAppend;

        Scan(long after, int max, Kind<?> kind) {
            this.through = after;
            this.max = max;
            this.kind = kind;
        }

        boolean full() {
            return scanned >= max;
        }

        /** Takes the lines after {@code through} that are in memory; returns where the last one ends, or null. */
        Position fromRecent() {
            Position at = null;
            for (RecentLines.Entry e; !full() && (e = recent.get(through + 1)) != null; ) {
                take(e);
                at = new Position(e.segment(), e.end(), e.end(), e.ownAfter());
            }
            return at;
        }

        private void take(RecentLines.Entry e) {
            if (kind == null || e.line().kind().equals(kind.name())) {
                changes.add(e.change());
            }
            through = e.line().revision();
            scanned++;
        }

        /** Takes the whole lines of {@code bytes}, read at {@code offset}; returns how many bytes they span. */
        int lines(byte[] bytes, Path segment, long offset) throws HistoryGoneException {
            int lineStart = 0;
            for (int nl; !full() && (nl = JournalLine.nextNewline(bytes, lineStart)) >= 0; lineStart = nl + 1) {
                Optional<JournalLine> line = JournalLine.parse(bytes, lineStart, nl);
                if (line.isEmpty()) {
                    break; // damaged or still being written: stop here, the writer's recovery will cut it
                }
                JournalLine l = line.get();
                if (l.revision() <= through) {
                    continue;
                }
                if (l.revision() != through + 1) {
                    throw new HistoryGoneException(through, l.revision());
                }
                if (l.revision() == journal.appending()) {
                    atOwnAppend = true;
                    break; // this process's own append, in memory with its change in a moment: the next read's
                }
                take(recent.add(new RecentLines.Entry(l, segment, offset + nl + 1, ForeignAppends.UNKNOWN, null)));
            }
            return lineStart;
        }
    }

    /** Where the line after {@code revision} starts, if a read or this process's append ended there lately. */
    private Position positionAfter(long revision) {
        Position p = positions.get(revision);
        if (p == null) {
            RecentLines.Entry e = recent.get(revision);
            if (e != null) {
                p = new Position(e.segment(), e.end(), e.end(), e.ownAfter());
            }
        }
        return p;
    }

    private void remember(long revision, Position p) {
        if (positions.size() > MAX_POSITIONS) {
            positions.clear();
        }
        positions.put(revision, p);
    }

    private static Path segmentHolding(List<Path> segments, long revision) throws HistoryGoneException {
        long oldest = FileJournal.firstRevisionOf(segments.getFirst());
        if (revision < oldest) {
            throw new HistoryGoneException(revision - 1, oldest);
        }
        Path holder = segments.getFirst();
        for (Path s : segments) {
            if (FileJournal.firstRevisionOf(s) <= revision) {
                holder = s;
            }
        }
        return holder;
    }

    private static byte[] readFrom(Path segment, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= offset) {
                return new byte[0];
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {}
            return buf.position() == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
        } catch (NoSuchFileException e) {
            return null; // deleted by a writer's pruning since it was listed
        }
    }
}
