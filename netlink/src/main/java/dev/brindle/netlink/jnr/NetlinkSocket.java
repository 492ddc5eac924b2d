package dev.brindle.netlink.jnr;

import dev.brindle.netlink.Errno;
import dev.brindle.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A raw NETLINK_ROUTE socket (netlink(7)). It belongs to the network namespace of the thread that opened it for its
 * whole life, whichever thread uses it later. Buffers must be direct; calls are retried on EINTR.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW_CLOEXEC = 3 | 0x80000;
    private static final int NETLINK_ROUTE = 0;
    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_SNDBUFFORCE = 32;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_ADD_MEMBERSHIP = 1;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int NETLINK_GET_STRICT_CHK = 12;

    private final int fd;
    private final int portId;
    private volatile boolean closed;

    private NetlinkSocket(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    /** Opens and binds a socket in the calling thread's namespace. */
    public static NetlinkSocket open() {
        int fd = Native.LIBC.socket(AF_NETLINK, SOCK_RAW_CLOEXEC, NETLINK_ROUTE);
        if (fd < 0) {
            throw new NetlinkException("socket", "AF_NETLINK/NETLINK_ROUTE", Native.errno());
        }
        try {
            ByteBuffer address = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
            address.putShort(0, (short) AF_NETLINK);
            if (Native.LIBC.bind(fd, address, 12) != 0) {
                throw new NetlinkException("bind", "netlink socket", Native.errno());
            }
            ByteBuffer length = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            length.putInt(0, 12);
            if (Native.LIBC.getsockname(fd, address, length) != 0) {
                throw new NetlinkException("getsockname", "netlink socket", Native.errno());
            }
            return new NetlinkSocket(fd, address.getInt(4));
        } catch (RuntimeException e) {
            Native.LIBC.close(fd);
            throw e;
        }
    }

    /** The port id the kernel assigned (nl_pid), which it puts in every reply to us. */
    public int portId() {
        return portId;
    }

    /**
     * Makes the kernel validate dump requests strictly and honour their filters (NETLINK_GET_STRICT_CHK, Linux
     * 4.20+); returns false on older kernels.
     */
    public boolean enableStrictCheck() {
        return trySetInt(SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1);
    }

    /** Error messages carry a text reason (NETLINK_EXT_ACK) and no copy of our request (NETLINK_CAP_ACK). */
    public void enableExtendedAcks() {
        trySetInt(SOL_NETLINK, NETLINK_EXT_ACK, 1);
        trySetInt(SOL_NETLINK, NETLINK_CAP_ACK, 1);
    }

    /** Sets both buffer sizes, beyond rmem_max when we have CAP_NET_ADMIN (the FORCE options). */
    public void setBufferSizes(int bytes) {
        if (!trySetInt(SOL_SOCKET, SO_RCVBUFFORCE, bytes)) {
            setInt(SOL_SOCKET, SO_RCVBUF, bytes);
        }
        if (!trySetInt(SOL_SOCKET, SO_SNDBUFFORCE, bytes)) {
            setInt(SOL_SOCKET, SO_SNDBUF, bytes);
        }
    }

    /** recv gives up after this long (SO_RCVTIMEO); {@link #receive} then returns -1. */
    public void setReceiveTimeout(Duration timeout) {
        ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        tv.putLong(0, timeout.toSeconds());
        tv.putLong(8, timeout.toMillisPart() * 1000L);
        if (Native.LIBC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16) != 0) {
            throw new NetlinkException("setsockopt", "SO_RCVTIMEO", Native.errno());
        }
    }

    /** Joins an rtnetlink multicast group (RTNLGRP_*). */
    public void joinGroup(int group) {
        setInt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group);
    }

    /** Sends {@code length} bytes from the start of a direct buffer as one datagram. */
    public void send(ByteBuffer buffer, int length) {
        // jnr-ffi passes a direct buffer's address plus its position: hand it a view that starts at offset 0.
        ByteBuffer from0 = buffer.position() == 0 ? buffer : buffer.slice(0, length);
        while (true) {
            long n = Native.LIBC.send(fd, from0, length, 0);
            if (n >= 0) {
                return;
            }
            int errno = Native.errno();
            if (errno != Errno.EINTR) {
                throw new NetlinkException("send", "netlink socket", errno);
            }
        }
    }

    /**
     * Receives one datagram into the start of a direct buffer; returns its length, or -1 when the receive timeout
     * expired. ENOBUFS (notifications lost) is thrown like any other error.
     */
    public int receive(ByteBuffer buffer) {
        if (buffer.position() != 0) {
            throw new IllegalArgumentException(
                    "receive buffers are filled from offset 0; position is " + buffer.position());
        }
        while (true) {
            long n = Native.LIBC.recv(fd, buffer, buffer.capacity(), 0);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.errno();
            if (errno == Errno.EAGAIN) {
                return -1;
            }
            if (errno != Errno.EINTR) {
                throw new NetlinkException("recv", "netlink socket", errno);
            }
        }
    }

    private void setInt(int level, int option, int value) {
        if (!trySetInt(level, option, value)) {
            throw new NetlinkException("setsockopt", "option " + level + "/" + option, Native.errno());
        }
    }

    private boolean trySetInt(int level, int option, int value) {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        v.putInt(0, value);
        return Native.LIBC.setsockopt(fd, level, option, v, 4) == 0;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Native.LIBC.close(fd);
    }
}
