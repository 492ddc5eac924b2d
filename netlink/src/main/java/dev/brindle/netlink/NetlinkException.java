package dev.brindle.netlink;

/**
 * A kernel refusal (or a socket failure) with what was being done, to what, and the errno, e.g. {@code add route
 * 10.0.0.0/24 via 192.0.2.1 dev 3 proto 98: EEXIST (17)}. Callers branch on {@link #isNotFound()} and
 * {@link #isExists()} rather than on numbers.
 */
public final class NetlinkException extends RuntimeException {
    private final String operation;
    private final String object;
    private final int errno;

    public NetlinkException(String operation, String object, int errno) {
        this(operation, object, errno, null);
    }

    public NetlinkException(String operation, String object, int errno, String detail) {
        super(operation + " " + object + ": " + Errno.name(errno) + " (" + errno + ")"
                + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.operation = operation;
        this.object = object;
        this.errno = errno;
    }

    /** What was being done, e.g. {@code add route}, {@code create veth}. */
    public String operation() {
        return operation;
    }

    /** The object it was done to, e.g. the route or the link name. */
    public String object() {
        return object;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }

    /**
     * The object does not exist: ENOENT, ENODEV (no such link), ESRCH (IPv4 route delete of a missing route),
     * ENXIO.
     */
    public boolean isNotFound() {
        return errno == Errno.ENOENT || errno == Errno.ENODEV || errno == Errno.ESRCH || errno == 6;
    }

    /** The object already exists (EEXIST): create without replace. */
    public boolean isExists() {
        return errno == Errno.EEXIST;
    }
}
