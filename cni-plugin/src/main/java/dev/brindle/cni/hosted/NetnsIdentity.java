package dev.brindle.cni.hosted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names a network namespace the way brindle-shim does: {@code <st_dev>:<st_ino>} of its nsfs file, the identity
 * namespaces have in stat(2) (two paths name the same namespace exactly when both numbers match).
 */
public final class NetnsIdentity {
    private NetnsIdentity() {}

    /** The process's own namespace (/proc/self/ns/net: the main thread's, which the agent never moves). */
    public static String ofSelf() {
        return of(Path.of("/proc/self/ns/net"));
    }

    public static String of(Path nsFile) {
        try {
            return Files.getAttribute(nsFile, "unix:dev") + ":" + Files.getAttribute(nsFile, "unix:ino");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + nsFile, e);
        }
    }

    /** {@link #of}, or "" when nothing can be stat'ed there (brindle-shim's convention for a missing file). */
    public static String ofPathOrEmpty(String path) {
        if (path.isEmpty()) {
            return "";
        }
        try {
            return of(Path.of(path));
        } catch (UncheckedIOException | java.nio.file.InvalidPathException e) {
            return "";
        }
    }
}
