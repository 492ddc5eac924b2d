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
    private final Map<Long, Position> positions = new ConcurrentHashMap<>();

    /** Where the line after {@code revision} starts, and how long the segment was when it was read. */
    private record Position(Path segment, long offset, long seenSize) {}

    JournalReader(FileJournal journal) {
        this.journal = journal;
    }

    boolean mayHaveAfter(long after) {
        Position p = positions.get(after);
        if (p == null) {
            return true;
        }
        try {
            return Files.size(p.segment) > p.seenSize
                    || !journal.segments().getLast().equals(p.segment);
        } catch (IOException e) {
            return true;
        }
    }

    Batch read(long after, int max, Kind<?> kind) throws IOException, HistoryGoneException {
        // The directory is listed only to find where to start and, once a segment is read to its end with nothing
        // new in it, to look for its successor: a watcher that keeps up reads one file per wake-up.
        Position at = positions.get(after);
        List<Path> segments = null;
        if (at == null) {
            segments = journal.segments();
            if (segments.isEmpty()) {
                return new Batch(List.of(), after);
            }
            at = new Position(segmentHolding(segments, after + 1), 0, 0);
        }
        var scan = new Scan(after, max, kind);
        while (!scan.full()) {
            byte[] bytes = readFrom(at.segment, at.offset);
            if (bytes == null) {
                throw new HistoryGoneException(
                        scan.through,
                        FileJournal.firstRevisionOf(journal.segments().getFirst()));
            }
            int consumed = scan.lines(bytes, at.segment);
            at = new Position(at.segment, at.offset + consumed, at.offset + bytes.length);
            if (scan.full() || bytes.length > 0) {
                break;
            }
            segments = segments == null ? journal.segments() : segments;
            Path next = nextSegment(segments, at.segment);
            if (next == null || FileJournal.firstRevisionOf(next) != scan.through + 1) {
                break;
            }
            at = new Position(next, 0, 0);
        }
        remember(scan.through, at);
        return new Batch(scan.changes, scan.through);
    }

    /** What one read collected: the changes of its kind, and how far it got. */
    private static final class Scan {
        final List<Change> changes = new ArrayList<>();
        final int max;
        final Kind<?> kind;
        long through;
        int scanned;

        Scan(long after, int max, Kind<?> kind) {
            this.through = after;
            this.max = max;
            this.kind = kind;
        }

        boolean full() {
            return scanned >= max;
        }

        /** Takes the whole lines of {@code bytes}; returns how many bytes they span. */
        int lines(byte[] bytes, Path segment) throws HistoryGoneException {
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
                if (l.kind().equals(kind.name())) {
                    changes.add(l.decode(segment.getFileName() + " revision " + l.revision()));
                }
                through = l.revision();
                scanned++;
            }
            return lineStart;
        }
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

    private static Path nextSegment(List<Path> segments, Path current) {
        int i = segments.indexOf(current);
        return i >= 0 && i + 1 < segments.size() ? segments.get(i + 1) : null;
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
