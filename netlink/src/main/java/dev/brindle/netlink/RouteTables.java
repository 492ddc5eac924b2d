package dev.brindle.netlink;

/** Well-known routing table ids (linux/rtnetlink.h RT_TABLE_*). */
public final class RouteTables {
    public static final int MAIN = 254;
    public static final int LOCAL = 255;
    public static final int DEFAULT = 253;

    private RouteTables() {}
}
