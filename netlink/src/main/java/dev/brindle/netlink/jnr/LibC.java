package dev.brindle.netlink.jnr;

import java.nio.ByteBuffer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The few libc calls brindle needs (socket(2), bind(2), send(2), recv(2), setsockopt(2), open(2), setns(2)). Public
 * only because jnr-ffi generates its implementation in another class loader; use {@link NetlinkSocket},
 * {@link NamespaceFd} and {@link ProcFile}.
 */
public interface LibC {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In ByteBuffer address, int length);

    @SaveError
    @ssize_t
    long send(int fd, @In ByteBuffer buffer, @size_t long length, int flags);

    @SaveError
    @ssize_t
    long recv(int fd, @Out ByteBuffer buffer, @size_t long length, int flags);

    @SaveError
    int setsockopt(int fd, int level, int option, @In ByteBuffer value, int length);

    @SaveError
    int getsockname(int fd, @Out ByteBuffer address, @In @Out ByteBuffer length);

    @SaveError
    int open(String path, int flags);

    @SaveError
    @ssize_t
    long read(int fd, @Out ByteBuffer buffer, @size_t long length);

    @SaveError
    @ssize_t
    long write(int fd, @In ByteBuffer buffer, @size_t long length);

    @SaveError
    int close(int fd);

    @SaveError
    int setns(int fd, int nstype);
}
