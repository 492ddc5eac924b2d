package dev.brindle.netlink;

/** rtm_type values (linux/rtnetlink.h RTN_*). */
public enum RouteType {
    UNICAST(1),
    LOCAL(2),
    BROADCAST(3),
    ANYCAST(4),
    MULTICAST(5),
    BLACKHOLE(6),
    UNREACHABLE(7),
    PROHIBIT(8),
    THROW(9);

    private final int code;

    RouteType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Types that drop traffic and carry no next hop. */
    public boolean isReject() {
        return this == BLACKHOLE || this == UNREACHABLE || this == PROHIBIT || this == THROW;
    }

    public static RouteType ofCode(int code) {
        for (RouteType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown route type " + code);
    }
}
