package dev.brindle.datastore.file;

import dev.brindle.datastore.DatastoreException;
import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.journal.HistoryGoneException;
import dev.brindle.datastore.journal.JournaledDatastore;
import dev.brindle.datastore.json.ResourceCodec;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store ({@code file:<dir>}), shared by every process on the host that opens the same directory.
 *
 * <p>A write, under an exclusive lock on {@code <dir>/.lock} (a POSIX record lock, which the kernel drops when the
 * holder dies, even by SIGKILL): catch up with the journal, check the compare-and-swap, append the change as one
 * journal line. The lines of the writes made while the lock is held ({@link #writeBatch}) are written together when it
 * is given back; the line is the commit point. After the lock is released the writer waits for an fdatasync of the
 * journal that covers it, shared with the writers queued behind it (group commit). A writer killed mid-line leaves a
 * torn line, which the next writer cuts.
 *
 * <p>Documents, one per object, are brought up to the journal in batches by a checkpoint ({@link DocumentCheckpoint}):
 * about {@link #CHECKPOINT_DELAY_MS} ms after a write, when many objects are pending, before journal segments are
 * pruned, and when the store is closed. Until then a reader takes the object from the journal lines it has read
 * ({@link PendingDocuments}), so every process sees every committed write at once. Documents are renamed into place
 * without fsync: after a power cut the first open rebuilds them from the journal ({@link BootRecovery}). Reads take no
 * lock: documents are replaced by rename, and only whole journal lines count.
 */
public final class FileDatastore extends JournaledDatastore {
    private static final Logger LOG = LoggerFactory.getLogger(FileDatastore.class);
    /** One lock per directory per JVM: the kernel's record locks do not exclude threads of one process. */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    /** Runs the deferred checkpoints of every store in this JVM. */
    private static final ScheduledExecutorService CHECKPOINTS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("brindle-checkpoint").factory());

    private static final long SEGMENT_BYTES = 4L << 20;
    private static final int KEEP_SEGMENTS = 4;
    /** How long documents may trail the journal after a write: long enough to batch a burst, short for an operator. */
    static final long CHECKPOINT_DELAY_MS = 200;

    private final Path dir;
    private final boolean fsync;
    private final ReentrantLock jvmLock;
    private final FileChannel lockFile;
    private final DocumentFiles documents;
    private final FileJournal journal;
    private final CheckpointMarker marker;
    private final PendingDocuments pending;
    private final DocumentCheckpoint checkpoint;
    private final ChangeNotifier notifier;
    private final AtomicBoolean checkpointScheduled = new AtomicBoolean();
    /** The thread holding this store's write lock, which has caught up with the journal: it need not look again. */
    private volatile Thread holder;
    /** The holder's changes whose journal lines are not written yet, oldest first; touched only under the lock. */
    private final List<FileJournal.Append> unwritten = new ArrayList<>();

    private volatile boolean closed;

    private FileDatastore(Path dir, boolean fsync, long segmentBytes, int keepSegments) throws IOException {
        this.dir = dir;
        this.fsync = fsync;
        this.jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        this.lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.documents = new DocumentFiles(dir, fsync);
        this.journal = new FileJournal(dir.resolve("journal"), fsync, segmentBytes, keepSegments, this::beforePrune);
        this.marker = new CheckpointMarker(dir);
        this.pending = new PendingDocuments(journal);
        this.checkpoint = new DocumentCheckpoint(documents, pending, marker);
        this.notifier = new ChangeNotifier(journal.dir(), journal::endsWithOwnAppend, journal.foreignAppends());
    }

    /**
     * Opens (creating if needed) the store in {@code dir}. With {@code fsync} false, writes skip fsync: they survive
     * a killed process but not a power cut.
     */
    public static FileDatastore open(Path dir, boolean fsync) {
        return open(dir, fsync, SEGMENT_BYTES, KEEP_SEGMENTS);
    }

    /** With journal segments of about {@code segmentBytes}, keeping the newest {@code keepSegments}. */
    static FileDatastore open(Path dir, boolean fsync, long segmentBytes, int keepSegments) {
        try {
            Path real = Files.createDirectories(dir).toRealPath();
            FileDatastore store = new FileDatastore(real, fsync, segmentBytes, keepSegments);
            try (WriteLock ignored = store.lock()) {
                // Before any catch-up: after a reboot the journal's tail may hold lines past a hole, to be cut.
                store.documents.removeTempFiles();
                if (new BootRecovery(real, store.journal, store.documents).runIfRebooted()) {
                    store.marker.write(store.journal.lastRevision());
                }
                store.journal.catchUp();
                store.pending.resetTo(store.marker.read());
                store.pending.refresh(store.marker);
            }
            return store;
        } catch (IOException e) {
            throw new DatastoreException("cannot open the file datastore in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected WriteLock lockForWrite() {
        if (holder == Thread.currentThread()) {
            // Inside a write batch: this store caught up when the batch took the lock, and nobody appended since.
            jvmLock.lock();
            return jvmLock::unlock;
        }
        WriteLock lock = lock();
        try {
            journal.catchUp();
            if (pending.through() < journal.lastRevision()) {
                pending.refresh(marker);
            }
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        holder = Thread.currentThread();
        return () -> {
            try {
                writeOut();
            } finally {
                holder = null;
                lock.close();
            }
        };
    }

    private WriteLock lock() {
        // This thread may hold it through another store on the same directory: the process has the file lock then,
        // and releasing a POSIX record lock would release it for that store too.
        boolean processHolds = jvmLock.isHeldByCurrentThread();
        jvmLock.lock();
        if (processHolds) {
            return jvmLock::unlock;
        }
        FileLock fileLock;
        try {
            fileLock = lockFile.lock();
        } catch (IOException | RuntimeException e) {
            jvmLock.unlock();
            throw new DatastoreException("cannot lock " + dir.resolve(".lock") + ": " + e.getMessage(), e);
        }
        return () -> release(fileLock);
    }

    private void release(FileLock fileLock) {
        try {
            fileLock.release();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** Under the lock, before journal segments are deleted: their changes must be in durable documents. */
    private void beforePrune(long fromRevision, long toRevision) throws IOException {
        checkpoint.run(pending.through());
        documents.makeDurable(fromRevision, toRevision);
    }

    /** Writes the pending documents now (tests, tools, and a store being closed). */
    void checkpointNow() {
        try (WriteLock ignored = lockForWrite()) {
            writeOut();
            checkpoint.run(journal.lastRevision());
        } catch (IOException e) {
            throw new DatastoreException("cannot write the documents in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void scheduleCheckpoint() {
        if (!closed && checkpointScheduled.compareAndSet(false, true)) {
            CHECKPOINTS.schedule(this::deferredCheckpoint, CHECKPOINT_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void deferredCheckpoint() {
        checkpointScheduled.set(false);
        if (closed) {
            return;
        }
        try {
            checkpointNow();
        } catch (RuntimeException e) {
            // The journal holds every change: a document left behind is only written later, by the next checkpoint.
            LOG.warn("{}: checkpoint failed, documents trail the journal until the next one: {}", dir, e.toString());
        }
    }

    @Override
    protected long lastRevision() {
        return unwritten.isEmpty()
                ? journal.lastRevision()
                : unwritten.getLast().change().revision();
    }

    /**
     * Under the lock: the change is visible to this process's readers at once, and its journal line is written with
     * the others of the lock holder's run when it gives the lock back ({@link #writeOut}): a batch of requests costs one
     * write and one inotify event instead of one per change. Nobody is answered before then (the writer waits for the
     * sync after the lock is released), and no other process can write meanwhile or read the change before its line.
     */
    @Override
    protected void commit(Change change) {
        unwritten.add(new FileJournal.Append(change, ResourceCodec.toCompactJson(change.resource())));
        pending.appended(change);
        if (pending.size() > PendingDocuments.LIMIT) {
            writeOut();
            try {
                checkpoint.run(change.revision());
            } catch (IOException e) {
                throw new DatastoreException("cannot write the documents in " + dir + ": " + e.getMessage(), e);
            }
        }
        scheduleCheckpoint();
    }

    /**
     * Under the lock: appends the lines of the changes committed since the lock was taken. Should that fail, the
     * changes are forgotten, as if never made: this process's view goes back to the journal as it is, and the failure
     * reaches the writers (a batch's callers) before any of them is answered.
     */
    private void writeOut() {
        if (unwritten.isEmpty()) {
            return;
        }
        List<FileJournal.Append> lines = List.copyOf(unwritten);
        unwritten.clear();
        try {
            journal.append(lines);
        } catch (IOException | RuntimeException e) {
            forgetUnwritten();
            throw new DatastoreException("cannot append to the journal in " + journal.dir() + ": " + e.getMessage(), e);
        }
        lines.stream().map(a -> a.change().resource().kind().name()).distinct().forEach(notifier::signal);
    }

    private void forgetUnwritten() {
        try {
            journal.reopen();
            pending.resetTo(marker.read());
            pending.refresh(marker);
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot re-read the journal after a failed append: {}", dir, e.toString());
        }
    }

    @Override
    protected void awaitDurable(long revision) {
        if (holder == Thread.currentThread()) {
            writeOut(); // a write acknowledged inside a write batch: its line must be in the file first
        }
        try {
            journal.awaitDurable(revision);
        } catch (IOException e) {
            throw new DatastoreException(
                    "cannot sync the journal in " + journal.dir() + " (revision " + revision + "): " + e.getMessage(),
                    e);
        }
    }

    @Override
    protected <R extends Resource> Optional<R> read(Kind<R> kind, String name) {
        refreshUnlessLocked();
        Optional<Change> newer = pending.get(kind, name);
        if (newer.isPresent()) {
            Change c = newer.get();
            return c.type() == Change.Type.DELETED ? Optional.empty() : Optional.of(kind.cast(c.resource()));
        }
        return documents.read(kind, name);
    }

    @Override
    protected <R extends Resource> List<R> readAll(Kind<R> kind) {
        refreshUnlessLocked();
        Map<String, Change> newer = pending.ofKind(kind); // first: see PendingDocuments.ofKind
        List<R> onDisk = documents.readAll(kind);
        if (newer.isEmpty()) {
            return onDisk;
        }
        Map<String, R> byName = new TreeMap<>();
        onDisk.forEach(r -> byName.put(r.name(), r));
        for (Change c : newer.values()) {
            if (c.type() == Change.Type.DELETED) {
                byName.remove(c.resource().name());
            } else {
                byName.put(c.resource().name(), kind.cast(c.resource()));
            }
        }
        return List.copyOf(byName.values());
    }

    /** Takes in other processes' lines; this store's lock holder caught up when it took the lock. */
    private void refreshUnlessLocked() {
        if (holder != Thread.currentThread()) {
            pending.refresh(marker);
        }
    }

    @Override
    protected Batch changesAfter(long afterRevision, int max, Kind<?> kind) throws HistoryGoneException {
        return journal.readForWatch(afterRevision, max, kind);
    }

    @Override
    protected void awaitChange(Kind<?> kind, long afterRevision, long millis) throws InterruptedException {
        notifier.await(kind.name(), afterRevision, millis, journal::mayHaveAfterForWatch);
    }

    /** The journal's segment files, oldest first. */
    List<Path> journalSegments() throws IOException {
        return journal.segments();
    }

    /** How many journal syncs this store's writers waited for (tests, benchmarks: how well writers share them). */
    public long journalSyncs() {
        return journal.syncs();
    }

    /** How many objects this process knows newer than their documents (tests: that it stays bounded). */
    int pendingDocuments() {
        return pending.size();
    }

    /** The path of an object's document (for tools and error messages). */
    public Path documentPath(Kind<?> kind, String name) {
        return documents.pathOf(kind, name);
    }

    @Override
    public String describe() {
        return "file:" + dir + (fsync ? "" : "?fsync=false");
    }

    @Override
    public void close() {
        closeWatches();
        if (pending.size() > 0) {
            try {
                checkpointNow();
            } catch (RuntimeException e) {
                LOG.warn("{}: closed with documents behind the journal (it holds every change): {}", dir, e.toString());
            }
        }
        closed = true;
        try {
            notifier.close();
            jvmLock.lock();
            try {
                journal.close();
                lockFile.close();
            } finally {
                jvmLock.unlock();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
