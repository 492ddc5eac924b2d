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
        List<Path> segments = journal.segments();
        if (segments.isEmpty()) {
            return new Batch(List.of(), after);
        }
        Position start = positions.get(after);
        if (start == null || !segments.contains(start.segment)) {
            start = new Position(segmentHolding(segments, after + 1), 0, 0);
        }
        var changes = new ArrayList<Change>();
        long through = after;
        int scanned = 0;
        Position at = start;
        while (scanned < max) {
            byte[] bytes = readFrom(at.segment, at.offset);
            if (bytes == null) {
                throw new HistoryGoneException(
                        through, FileJournal.firstRevisionOf(journal.segments().getFirst()));
            }
            long seen = at.offset + bytes.length;
            int lineStart = 0;
            for (int nl; scanned < max && (nl = indexOf(bytes, lineStart)) >= 0; lineStart = nl + 1) {
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
                    changes.add(l.decode(at.segment.getFileName() + " revision " + l.revision()));
                }
                through = l.revision();
                scanned++;
            }
            at = new Position(at.segment, at.offset + lineStart, seen);
            Path next = nextSegment(segments, at.segment);
            boolean segmentDone = lineStart == bytes.length;
            if (scanned >= max || !segmentDone || next == null || FileJournal.firstRevisionOf(next) != through + 1) {
                break;
            }
            at = new Position(next, 0, 0);
        }
        remember(through, at);
        return new Batch(changes, through);
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

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
