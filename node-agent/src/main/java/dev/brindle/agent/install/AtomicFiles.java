package dev.brindle.agent.install;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files the way a reader running at the same moment (the kubelet loading the conflist, a runtime exec'ing
 * the plugin) must see them: whole, old or new, never half written. Each file is written to a temporary name in
 * its own directory, given its mode, then renamed over the target (rename(2) is atomic within one file system).
 */
final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code content} to {@code target} with the permissions {@code mode} (e.g. "rw-------"). */
    static void write(Path target, byte[] content, String mode) throws IOException {
        if (Files.isRegularFile(target)
                && PosixFilePermissions.toString(Files.getPosixFilePermissions(target))
                        .equals(mode)
                && java.util.Arrays.equals(Files.readAllBytes(target), content)) {
            return; // unchanged: no rename, so nothing watching the directory (the kubelet) sees an event
        }
        Path tmp = temporaryBeside(target);
        try {
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Copies {@code source} to {@code target} keeping its modification time and permissions: the JVM validates an
     * AOT cache against the jar's size and mtime, and the launcher uses the cache only when it is newer than the
     * jar, so both must arrive with the times they had when the cache was trained in the image.
     */
    static void copy(Path source, Path target) throws IOException {
        if (sameFile(source, target)) {
            return; // idempotent: a re-run (init containers restart) leaves an identical file alone
        }
        Path tmp = temporaryBeside(target);
        try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(source);
            Files.setPosixFilePermissions(tmp, perms);
            FileTime mtime = Files.getLastModifiedTime(source);
            Files.setLastModifiedTime(tmp, mtime);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes {@code link} a symbolic link to {@code target}, replacing whatever is there in one rename. */
    static void link(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return;
        }
        Files.createDirectories(link.getParent());
        Path tmp = link.resolveSibling("." + link.getFileName() + ".link.tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createSymbolicLink(tmp, target);
            move(tmp, link);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean sameFile(Path source, Path target) throws IOException {
        return Files.isRegularFile(target)
                && Files.size(source) == Files.size(target)
                && Files.getLastModifiedTime(source).equals(Files.getLastModifiedTime(target))
                && Files.getPosixFilePermissions(source).equals(Files.getPosixFilePermissions(target));
    }

    private static Path temporaryBeside(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + tmp + " over " + target + " atomically: " + e.getMessage(), e);
        }
    }
}
