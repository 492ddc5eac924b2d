package dev.brindle.datastore.file;

import dev.brindle.datastore.DatastoreException;
import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.journal.HistoryGoneException;
import dev.brindle.datastore.journal.JournaledDatastore.Batch;
import dev.brindle.datastore.resource.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead journal: every change as one line, appended under the store lock,
 * in segment files {@code journal/<first revision, 20 digits>.log}. It is the store's commit point, the only file
 * written and synced on every write: an append is made durable by {@link GroupCommit} after the lock is released. A new segment
 * appears atomically with its first line (temp file, fsync, rename), after the previous one was synced; old ones beyond
 * {@code keepSegments} are deleted once the documents they cover are durable ({@link Checkpoint}), and a reader that
 * needed them gets {@link HistoryGoneException} and re-lists.
 */
final class FileJournal implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);
    private final Path dir;
    private final boolean fsync;
    private final long segmentBytes;
    private final int keepSegments;
    private final ForeignAppends foreign;
    private final JournalReader reader;
    private final GroupCommit sync;
    private final Checkpoint checkpoint;

    /** What must be durable before segments are deleted: the documents of the changes in their revisions. */
    interface Checkpoint {
        void makeDurable(long fromRevision, long toRevision) throws IOException;
    }

    /** Where this process's last append ended: read by the notifier's thread. */
    private volatile OwnEnd ownEnd;

    private record OwnEnd(Path segment, long length) {}

    /** The revision this process is appending right now, until its line is in {@link RecentLines}; 0 when none. */
    private volatile long appending;

    // Writer state, touched only under the store lock.
    private Path segment;
    private FileChannel out;
    private long validLength;
    private long lastRevision;

    FileJournal(Path dir, boolean fsync, long segmentBytes, int keepSegments, Checkpoint checkpoint)
            throws IOException {
        this(dir, fsync, segmentBytes, keepSegments, checkpoint, new ForeignAppends(System::nanoTime));
    }

    FileJournal(
            Path dir, boolean fsync, long segmentBytes, int keepSegments, Checkpoint checkpoint, ForeignAppends foreign)
            throws IOException {
        this.dir = Files.createDirectories(dir);
        this.foreign = foreign;
        this.fsync = fsync;
        this.segmentBytes = segmentBytes;
        this.keepSegments = keepSegments;
        this.reader = new JournalReader(this);
        this.sync = new GroupCommit(fsync);
        this.checkpoint = checkpoint;
    }

    /** A journal that only reads (tests, tools). */
    static FileJournal reading(Path dir) throws IOException {
        return new FileJournal(dir, false, Long.MAX_VALUE, Integer.MAX_VALUE, (from, to) -> {});
    }

    Path dir() {
        return dir;
    }

    long lastRevision() {
        return lastRevision;
    }

    /** What this process knows of other processes' appends: the notifier and catch-ups tell it. */
    ForeignAppends foreignAppends() {
        return foreign;
    }

    /**
     * Under the lock: takes in where other processes' appends since this one last looked end, and cuts a torn line a
     * killed writer left at the end.
     */
    void catchUp() throws IOException {
        long before = lastRevision;
        takeOthersAppends();
        if (lastRevision != before) {
            // Lines of another process, which inotify may have taken for this process's own: this append will end
            // where they do.
            foreign.noticed();
        }
    }

    private void takeOthersAppends() throws IOException {
        // The directory is listed only when this process has no segment yet, or its segment was pruned; otherwise a
        // newer segment, if another process started one, is the one named for the revision after the last line.
        if (segment == null || !Files.exists(segment)) {
            List<Path> segments = segments();
            if (segments.isEmpty()) {
                return;
            }
            switchTo(segments.getLast());
        }
        takeTail();
        for (Path next; Files.exists(next = dir.resolve(segmentName(lastRevision + 1))); ) {
            switchTo(next);
            takeTail();
        }
    }

    private void switchTo(Path next) throws IOException {
        if (out != null) {
            out.close();
        }
        segment = next;
        out = FileChannel.open(next, StandardOpenOption.WRITE, StandardOpenOption.READ);
        validLength = 0;
    }

    /** Takes in the whole lines after {@link #validLength} and cuts what follows them. */
    private void takeTail() throws IOException {
        long size = out.size();
        if (size == validLength) {
            return;
        }
        byte[] tail = new byte[Math.toIntExact(size - validLength)];
        ByteBuffer buf = ByteBuffer.wrap(tail);
        while (buf.hasRemaining() && out.read(buf, validLength + buf.position()) >= 0) {}
        int end = tail.length;
        Optional<JournalLine> last = Optional.empty();
        while (end > 0 && last.isEmpty()) {
            int nl = lastIndexOf(tail, (byte) '\n', end - 1);
            if (nl < 0) {
                end = 0;
                break;
            }
            int start = lastIndexOf(tail, (byte) '\n', nl - 1) + 1;
            last = JournalLine.parse(tail, start, nl);
            end = last.isPresent() ? nl + 1 : start;
        }
        if (validLength + end < size) {
            LOG.warn("journal {}: cutting {} bytes a killed writer left unfinished", segment, size - validLength - end);
            out.truncate(validLength + end);
            forceIfDurable(out);
        }
        validLength += end;
        last.ifPresent(l -> lastRevision = l.revision());
    }

    /** Under the lock, after the segments were changed behind the writer's back (recovery cut one). */
    void reopen() throws IOException {
        if (out != null) {
            out.close();
        }
        out = null;
        segment = null;
        validLength = 0;
        catchUp();
    }

    private static int lastIndexOf(byte[] b, byte value, int from) {
        for (int i = from; i >= 0; i--) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the segment {@code file} (a name in the journal directory) ends no further than this process's last
     * append will: that end is set before the bytes are written, so a file still shorter is one this process is
     * appending to; another process appends only after this one's line, making it longer.
     */
    boolean endsWithOwnAppend(Path file) {
        OwnEnd end = ownEnd;
        try {
            return end != null
                    && end.segment.getFileName().equals(file.getFileName())
                    && Files.size(end.segment) <= end.length;
        } catch (IOException e) {
            return false;
        }
    }

    /** A change and its compact JSON, to be appended. */
    record Append(Change change, byte[] json) {}

    /**
     * Under the lock: appends changes with consecutive revisions, each run that fits in the segment with one write
     * (starting a new segment when this one is full), not yet synced: the writer calls {@link #awaitDurable} after
     * releasing the lock. Segments beyond those kept are deleted only once every line is written, when the documents a
     * checkpoint writes for them are the state of the journal's end.
     */
    void append(List<Append> changes) throws IOException {
        List<byte[]> lines = new ArrayList<>(changes.size());
        for (Append a : changes) {
            lines.add(JournalLine.format(a.change(), a.json()));
        }
        boolean rolled = false;
        for (int i = 0; i < lines.size(); ) {
            if (segment == null || validLength + lines.get(i).length > segmentBytes) {
                appending = changes.get(i).change().revision();
                try {
                    startSegment(appending, lines.get(i));
                    ownEnd = new OwnEnd(segment, validLength);
                    remember(changes.get(i).change());
                } finally {
                    appending = 0;
                }
                rolled = true;
                i++;
            } else {
                i = appendRun(changes, lines, i);
            }
        }
        if (rolled) {
            prune();
        }
    }

    /** Writes the lines from {@code from} that fit in this segment with one write; returns the index after them. */
    private int appendRun(List<Append> changes, List<byte[]> lines, int from) throws IOException {
        int to = from;
        long end = validLength;
        while (to < lines.size() && end + lines.get(to).length <= segmentBytes) {
            end += lines.get(to).length;
            to++;
        }
        ByteBuffer buf;
        if (to - from == 1) {
            buf = ByteBuffer.wrap(lines.get(from));
        } else {
            buf = ByteBuffer.allocate(Math.toIntExact(end - validLength));
            for (int i = from; i < to; i++) {
                buf.put(lines.get(i));
            }
            buf.flip();
        }
        appending = changes.get(from).change().revision();
        try {
            // Said before the bytes land: inotify reports the write at once, and the notifier must know it for ours.
            ownEnd = new OwnEnd(segment, end);
            long at = validLength;
            while (buf.hasRemaining()) {
                out.write(buf, at + buf.position());
            }
            for (int i = from; i < to; i++) {
                validLength += lines.get(i).length;
                remember(changes.get(i).change());
            }
            sync.appended(out, changes.get(to - 1).change().revision());
        } finally {
            appending = 0;
        }
        return to;
    }

    /** After its line was written: the journal's end moves on, and this process's watchers take it from memory. */
    private void remember(Change change) {
        lastRevision = change.revision();
        // The line was made from this change: no need to read or decode it.
        var header = new JournalLine(
                change.revision(), change.type(), change.resource().kind().name(), null);
        reader.recent().add(new RecentLines.Entry(header, segment, validLength, foreign.now(), change));
    }

    /**
     * The revision this process is appending at this instant, 0 when none: a reader that finds its line already in
     * the file leaves it for {@link RecentLines}, which gets it with its change a moment later, instead of decoding
     * the JSON this process just encoded (with 16 callers, a watcher raced about one append in two that way).
     */
    long appending() {
        return appending;
    }

    long syncs() {
        return sync.syncs();
    }

    /** Returns once this process's append of {@code revision} is on disk (group commit); call without the lock. */
    void awaitDurable(long revision) throws IOException {
        sync.awaitDurable(revision);
    }

    private void startSegment(long firstRevision, byte[] firstLine) throws IOException {
        if (out != null) {
            // The new segment must not be durable while lines of this one are not: that would leave a gap.
            forceIfDurable(out);
            sync.durableThrough(firstRevision - 1);
        }
        Path temp = dir.resolve(".segment.tmp-" + ProcessHandle.current().pid());
        Files.write(temp, firstLine);
        if (fsync) {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        Path next = dir.resolve(segmentName(firstRevision));
        Files.move(temp, next, StandardCopyOption.ATOMIC_MOVE);
        syncDir();
        FileChannel previous = out;
        segment = next;
        out = FileChannel.open(next, StandardOpenOption.WRITE, StandardOpenOption.READ);
        validLength = firstLine.length;
        sync.appended(out, firstRevision);
        sync.durableThrough(firstRevision);
        if (previous != null) {
            previous.close();
        }
    }

    /** Deletes the segments beyond {@code keepSegments}, once the documents they cover are durable. */
    private void prune() throws IOException {
        List<Path> all = segments();
        int drop = Math.max(0, all.size() - keepSegments);
        if (drop == 0) {
            return;
        }
        checkpoint.makeDurable(firstRevisionOf(all.getFirst()), firstRevisionOf(all.get(drop)));
        for (Path old : all.subList(0, drop)) {
            Files.deleteIfExists(old);
        }
        syncDir();
    }

    private void syncDir() throws IOException {
        if (fsync) {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    }

    private void forceIfDurable(FileChannel ch) throws IOException {
        if (fsync) {
            ch.force(false);
        }
    }

    static String segmentName(long firstRevision) {
        return String.format("%020d.log", firstRevision);
    }

    static long firstRevisionOf(Path segment) {
        return Long.parseLong(segment.getFileName().toString().replace(".log", ""));
    }

    /** Segment files, oldest first. */
    List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.log"))
                    .sorted()
                    .toList();
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        }
    }

    /**
     * Lock-free: the changes of {@code kind} among the next {@code max} after {@code after}, as the file holds them
     * now (a read must see a write another process committed a moment ago).
     */
    Batch read(long after, int max, Kind<?> kind) throws HistoryGoneException {
        return read(after, max, kind, JournalReader.Look.ALWAYS);
    }

    /** As {@link #read}, for a watch: the file is looked at only once another process's append was noticed. */
    Batch readForWatch(long after, int max, Kind<?> kind) throws HistoryGoneException {
        return read(after, max, kind, JournalReader.Look.WHEN_NOTICED);
    }

    private Batch read(long after, int max, Kind<?> kind, JournalReader.Look look) throws HistoryGoneException {
        try {
            return reader.read(after, max, kind, look);
        } catch (IOException e) {
            throw new DatastoreException("cannot read the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Lock-free and cheap: whether the journal may hold something after {@code after} that was not read yet. */
    boolean mayHaveAfter(long after) {
        return reader.mayHaveAfter(after, JournalReader.Look.ALWAYS);
    }

    /** As {@link #mayHaveAfter}, for a watch: without a stat while no other process's append was noticed. */
    boolean mayHaveAfterForWatch(long after) {
        return reader.mayHaveAfter(after, JournalReader.Look.WHEN_NOTICED);
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
