package dev.brindle.netlink.jnr;

import dev.brindle.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Whole-file read and write of {@code /proc/sys} entries with the kernel's errno (EINVAL for a value the handler
 * rejects, ENOENT for a missing entry), which java.nio would turn into untyped IOExceptions. The network namespace
 * of a {@code /proc/sys/net} file is the one of the thread that opens it.
 */
public final class ProcFile {
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;

    private ProcFile() {}

    public static String read(Path path) {
        int fd = open("read sysctl", path, O_RDONLY);
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
            long n = Native.LIBC.read(fd, buf, buf.capacity());
            if (n < 0) {
                throw new NetlinkException("read sysctl", path.toString(), Native.errno());
            }
            byte[] bytes = new byte[(int) n];
            buf.get(0, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            Native.LIBC.close(fd);
        }
    }

    public static void write(Path path, String value) {
        int fd = open("write sysctl", path, O_WRONLY);
        try {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length);
            buf.put(0, bytes);
            if (Native.LIBC.write(fd, buf, bytes.length) < 0) {
                throw new NetlinkException("write sysctl", path + "=" + value.strip(), Native.errno());
            }
        } finally {
            Native.LIBC.close(fd);
        }
    }

    private static int open(String operation, Path path, int mode) {
        int fd = Native.LIBC.open(path.toString(), mode | O_CLOEXEC);
        if (fd < 0) {
            throw new NetlinkException(operation, path.toString(), Native.errno());
        }
        return fd;
    }
}
