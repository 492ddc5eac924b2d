package dev.brindle.netlink;

import dev.brindle.netlink.jnr.NamespaceFd;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * An open network namespace ({@code /run/netns/NAME}, {@code /proc/PID/ns/net}). Work inside it runs on brindle's
 * dedicated namespace thread (see {@code NamespaceThread}); keep that work tiny — open a socket, read a sysctl — and
 * never start threads in it. A netlink socket opened inside stays bound to the namespace for its life, so
 * {@code RtNetlink.open(path)} enters once and then works from any thread.
 */
public final class NetworkNamespace implements AutoCloseable {
    private final NamespaceFd fd;

    private NetworkNamespace(NamespaceFd fd) {
        this.fd = fd;
    }

    /** Opens the namespace file; a NetlinkException with ENOENT when it does not exist. */
    public static NetworkNamespace open(Path path) {
        return new NetworkNamespace(NamespaceFd.open(path));
    }

    public Path path() {
        return fd.path();
    }

    /** The open descriptor, for IFLA_NET_NS_FD. Valid until {@link #close()}. */
    public int fd() {
        return fd.fd();
    }

    /** Runs {@code action} inside this namespace on the namespace thread and returns its result. */
    public <T> T call(Callable<T> action) {
        return NamespaceThread.call(fd, action);
    }

    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "netns " + fd.path();
    }
}
