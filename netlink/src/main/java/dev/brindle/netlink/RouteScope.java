package dev.brindle.netlink;

/** rtm_scope values (linux/rtnetlink.h enum rt_scope_t). */
public enum RouteScope {
    UNIVERSE(0),
    SITE(200),
    LINK(253),
    HOST(254),
    NOWHERE(255);

    private final int code;

    RouteScope(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RouteScope ofCode(int code) {
        for (RouteScope s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown route scope " + code);
    }
}
