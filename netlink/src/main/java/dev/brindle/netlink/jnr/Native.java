package dev.brindle.netlink.jnr;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** The loaded libc binding and its errno. */
final class Native {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {}

    /** errno of the last call on this thread (saved by {@code @SaveError}). */
    static int errno() {
        return RUNTIME.getLastError();
    }
}
