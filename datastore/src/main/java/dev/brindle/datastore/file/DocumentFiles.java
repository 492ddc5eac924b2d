package dev.brindle.datastore.file;

import dev.brindle.datastore.DatastoreException;
import dev.brindle.datastore.json.DocumentException;
import dev.brindle.datastore.json.Problem;
import dev.brindle.datastore.json.ResourceCodec;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The current objects, one JSON document per object at {@code <dir>/<plural>/<name>.json}, each replaced atomically
 * (write a temporary file, rename over) so that a reader or a killed writer leaves either the old or the new document,
 * never a mix. Documents are written by checkpoints ({@link DocumentCheckpoint}) and not fsynced then: the journal is
 * the commit point, and what a power cut takes from them is rebuilt from it ({@link BootRecovery}); {@link
 * #makeDurable} fsyncs them before the journal that covers them is pruned. Parsed documents are cached by inode and modification time.
 */
final class DocumentFiles {
    private static final String TEMP_MARK = ".tmp-";
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    private final Path root;
    private final boolean fsync;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();
    /** Kind directories made (or found) already: brindle never removes one, so each is made once per process. */
    private final Set<Path> createdDirs = ConcurrentHashMap.newKeySet();

    private record Cached(Object fileKey, FileTime modified, long size, Resource resource) {}

    DocumentFiles(Path root, boolean fsync) {
        this.root = root;
        this.fsync = fsync;
    }

    Path pathOf(Kind<?> kind, String name) {
        return root.resolve(kind.plural()).resolve(name + ".json");
    }

    <R extends Resource> Optional<R> read(Kind<R> kind, String name) {
        return readPath(kind, pathOf(kind, name));
    }

    <R extends Resource> List<R> readAll(Kind<R> kind) {
        Path dir = root.resolve(kind.plural());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(DocumentFiles::isDocument)
                    .sorted()
                    .map(p -> readPath(kind, p))
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean isDocument(Path p) {
        String f = p.getFileName().toString();
        return f.endsWith(".json") && !f.startsWith(".");
    }

    private <R extends Resource> Optional<R> readPath(Kind<R> kind, Path path) {
        try {
            // Without an exception when it is absent: every create looks first, and exceptions are not cheap.
            BasicFileAttributes attrs =
                    path.getFileSystem().provider().readAttributesIfExists(path, BasicFileAttributes.class);
            if (attrs == null) {
                cache.remove(path);
                return Optional.empty();
            }
            Cached c = cache.get(path);
            if (c != null
                    && Objects.equals(c.fileKey, attrs.fileKey())
                    && c.modified.equals(attrs.lastModifiedTime())
                    && c.size == attrs.size()) {
                return Optional.of(kind.cast(c.resource));
            }
            Resource r = parse(kind, path, Files.readAllBytes(path));
            cache.put(path, new Cached(attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), r));
            return Optional.of(kind.cast(r));
        } catch (NoSuchFileException e) {
            cache.remove(path);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static Resource parse(Kind<?> kind, Path path, byte[] bytes) {
        Resource r = ResourceCodec.fromJson(bytes, path.toString());
        String expectedName = path.getFileName().toString().replaceFirst("\\.json$", "");
        if (!r.kind().equals(kind)) {
            throw new DocumentException(
                    path.toString(),
                    0,
                    List.of(new Problem(
                            "kind", 0, "is " + r.kind() + " but the file is in the " + kind.plural() + " directory")));
        }
        if (!r.name().equals(expectedName)) {
            throw new DocumentException(
                    path.toString(),
                    0,
                    List.of(new Problem(
                            "metadata.name",
                            0,
                            "is '" + r.name() + "' but the file is named " + expectedName + ".json")));
        }
        return r;
    }

    /** Writes a resource's document, indented ({@link ResourceCodec#toJson}). */
    void write(Resource resource) {
        byte[] json = ResourceCodec.toJson(resource);
        Path target = pathOf(resource.kind(), resource.name());
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + TEMP_MARK
                + ProcessHandle.current().pid() + "-" + TEMP_COUNTER.incrementAndGet());
        try {
            if (createdDirs.add(dir)) {
                Files.createDirectories(dir);
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(json);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // The next read (usually this writer's next compare-and-swap) need not parse what it just wrote.
            BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
            cache.put(target, new Cached(attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), resource));
        } catch (IOException e) {
            throw new DatastoreException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    void delete(Kind<?> kind, String name) {
        Path target = pathOf(kind, name);
        try {
            Files.deleteIfExists(target);
            cache.remove(target);
        } catch (IOException e) {
            throw new DatastoreException("cannot delete " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes temporary files a killed writer left behind; call under the store lock. */
    void removeTempFiles() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().contains(TEMP_MARK))
                            .toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    /**
     * Under the store lock, before the journal segments holding revisions below {@code toRevision} are deleted: fsyncs
     * every document last written at a revision in {@code [fromRevision, toRevision)}, then every directory, so that
     * renames and deletions of documents are durable too. Without fsync, nothing to do.
     */
    void makeDurable(long fromRevision, long toRevision) throws IOException {
        if (!fsync) {
            return;
        }
        for (Kind<?> kind : Kind.all()) {
            Path dir = root.resolve(kind.plural());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path doc : documentsIn(dir)) {
                Optional<? extends Resource> r = readQuietly(kind, doc);
                if (r.isPresent()
                        && r.get().revision() >= fromRevision
                        && r.get().revision() < toRevision) {
                    force(doc);
                }
            }
        }
        makeDirectoriesDurable();
    }

    /** A document, or empty when it is missing or damaged (a power cut can leave a rename without its data). */
    <R extends Resource> Optional<R> readQuietly(Kind<R> kind, String name) {
        return readQuietly(kind, pathOf(kind, name));
    }

    private <R extends Resource> Optional<R> readQuietly(Kind<R> kind, Path doc) {
        try {
            return readPath(kind, doc);
        } catch (DocumentException e) {
            return Optional.empty();
        }
    }

    /** The readable documents of a kind. */
    <R extends Resource> List<R> readAllQuietly(Kind<R> kind) throws IOException {
        Path dir = root.resolve(kind.plural());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        return documentsIn(dir).stream()
                .map(p -> readQuietly(kind, p))
                .flatMap(Optional::stream)
                .toList();
    }

    /** fsyncs the store's directories, making document renames and deletions durable. */
    void makeDirectoriesDurable() throws IOException {
        for (Kind<?> kind : Kind.all()) {
            Path dir = root.resolve(kind.plural());
            if (Files.isDirectory(dir)) {
                force(dir);
            }
        }
        force(root);
    }

    private static List<Path> documentsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(DocumentFiles::isDocument).toList();
        }
    }

    /** fsync of a file or directory; a document deleted meanwhile needs none. */
    static void force(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (NoSuchFileException e) {
            // deleted since it was listed: its directory's fsync covers that
        }
    }
}
