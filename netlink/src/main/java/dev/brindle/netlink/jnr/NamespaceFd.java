package dev.brindle.netlink.jnr;

import dev.brindle.netlink.NetlinkException;
import java.nio.file.Path;

/**
 * An open network-namespace file ({@code /run/netns/X}, {@code /proc/PID/ns/net}) and the setns(2) call. The
 * descriptor keeps the namespace alive while open.
 */
public final class NamespaceFd implements AutoCloseable {
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private final Path path;
    private final int fd;
    private boolean closed;

    private NamespaceFd(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens the namespace file; ENOENT when it does not exist. */
    public static NamespaceFd open(Path path) {
        int fd = Native.LIBC.open(path.toString(), O_RDONLY_CLOEXEC);
        if (fd < 0) {
            throw new NetlinkException("open namespace", path.toString(), Native.errno());
        }
        return new NamespaceFd(path, fd);
    }

    /** The namespace the calling OS thread is in now. */
    public static NamespaceFd ofCurrentThread() {
        return open(Path.of("/proc/thread-self/ns/net"));
    }

    public Path path() {
        return path;
    }

    public int fd() {
        return fd;
    }

    /** Moves the calling OS thread (only it) into this namespace. */
    public void enter() {
        if (Native.LIBC.setns(fd, CLONE_NEWNET) != 0) {
            throw new NetlinkException("setns", path.toString(), Native.errno());
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Native.LIBC.close(fd);
        }
    }
}
