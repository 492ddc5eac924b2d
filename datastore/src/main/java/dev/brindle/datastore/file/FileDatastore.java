package dev.brindle.datastore.file;

import dev.brindle.datastore.DatastoreException;
import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.journal.HistoryGoneException;
import dev.brindle.datastore.journal.JournaledDatastore;
import dev.brindle.datastore.json.DocumentException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store ({@code file:<dir>}), shared by every process on the host that opens the same directory.
 *
 * <p>A write, under an exclusive lock on {@code <dir>/.lock} (a POSIX record lock, which the kernel drops when the
 * holder dies, even by SIGKILL): catch up with the journal, append the change to it, then replace the object's
 * document (rename, no fsync). The journal line is the commit point; after the lock is released the writer waits
 * for an fdatasync of the journal that covers its line, shared with the writers queued behind it (group commit). A
 * writer killed before its line is whole leaves a torn line, which the next writer cuts; one killed after it leaves a
 * document one change behind, which the next writer rewrites from the line. Only a kernel crash loses unsynced
 * documents, and the first open after the reboot rebuilds them from the journal ({@link BootRecovery}). Reads take no
 * lock: documents are replaced by rename, so a reader sees the old or the new one.
 */
public final class FileDatastore extends JournaledDatastore {
    private static final Logger LOG = LoggerFactory.getLogger(FileDatastore.class);
    /** One lock per directory per JVM: the kernel's record locks do not exclude threads of one process. */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private static final long SEGMENT_BYTES = 4L << 20;
    private static final int KEEP_SEGMENTS = 4;

    private final Path dir;
    private final boolean fsync;
    private final ReentrantLock jvmLock;
    private final FileChannel lockFile;
    private final DocumentFiles documents;
    private final FileJournal journal;
    private final ChangeNotifier notifier;

    private FileDatastore(Path dir, boolean fsync, long segmentBytes, int keepSegments) throws IOException {
        this.dir = dir;
        this.fsync = fsync;
        this.jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        this.lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.documents = new DocumentFiles(dir, fsync);
        this.journal =
                new FileJournal(dir.resolve("journal"), fsync, segmentBytes, keepSegments, documents::makeDurable);
        this.notifier = new ChangeNotifier(journal.dir(), journal::endsWithOwnAppend);
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
                new BootRecovery(real, store.journal, store.documents).runIfRebooted();
                store.journal.catchUp().ifPresent(store::ensureApplied);
            }
            return store;
        } catch (IOException e) {
            throw new DatastoreException("cannot open the file datastore in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected WriteLock lockForWrite() {
        WriteLock lock = lock();
        try {
            journal.catchUp().ifPresent(this::ensureApplied);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return lock;
    }

    private WriteLock lock() {
        jvmLock.lock();
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

    /** Rewrites the document of the journal's last change when its writer died before doing so. */
    private void ensureApplied(JournalLine line) {
        Change change = line.decode(journal.dir() + " revision " + line.revision());
        Resource r = change.resource();
        Optional<? extends Resource> current;
        try {
            current = documents.read(r.kind(), r.name());
        } catch (DocumentException e) {
            current = Optional.empty();
        }
        boolean behind = current.map(c -> c.revision() < change.revision()).orElse(true);
        if (change.type() == Change.Type.DELETED) {
            if (current.isPresent() && behind) {
                LOG.warn(
                        "{} {}: its writer died after journal revision {}; deleting the document",
                        r.kind(),
                        r.name(),
                        change.revision());
                documents.delete(r.kind(), r.name());
            }
        } else if (behind) {
            LOG.warn(
                    "{} {}: its writer died after journal revision {}; writing the document",
                    r.kind(),
                    r.name(),
                    change.revision());
            documents.write(r);
        }
    }

    @Override
    protected long lastRevision() {
        return journal.lastRevision();
    }

    @Override
    protected void commit(Change change) {
        Resource r = change.resource();
        boolean deleted = change.type() == Change.Type.DELETED;
        // Serialised once: the journal's compact line is the document's indented JSON without its whitespace.
        byte[] document = deleted ? null : ResourceCodec.toJson(r);
        try {
            journal.append(change, deleted ? ResourceCodec.toCompactJson(r) : ResourceCodec.compact(document));
        } catch (IOException e) {
            throw new DatastoreException("cannot append to the journal in " + journal.dir() + ": " + e.getMessage(), e);
        }
        if (deleted) {
            documents.delete(r.kind(), r.name());
        } else {
            documents.write(r, document);
        }
        notifier.signal(r.kind().name());
    }

    @Override
    protected void awaitDurable(long revision) {
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
        return documents.read(kind, name);
    }

    @Override
    protected <R extends Resource> List<R> readAll(Kind<R> kind) {
        return documents.readAll(kind);
    }

    @Override
    protected Batch changesAfter(long afterRevision, int max, Kind<?> kind) throws HistoryGoneException {
        return journal.read(afterRevision, max, kind);
    }

    @Override
    protected void awaitChange(Kind<?> kind, long afterRevision, long millis) throws InterruptedException {
        notifier.await(kind.name(), afterRevision, millis, journal::mayHaveAfter);
    }

    /** The journal's segment files, oldest first. */
    List<Path> journalSegments() throws IOException {
        return journal.segments();
    }

    /** How many journal syncs this store's writers waited for. */
    long journalSyncs() {
        return journal.syncs();
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
