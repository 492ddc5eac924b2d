package dev.brindle.netlink;

/** Well-known rtm_protocol values (linux/rtnetlink.h RTPROT_*) and brindle's own (CONTRACT.md). */
public final class RouteProtocol {
    public static final int UNSPEC = 0;
    public static final int REDIRECT = 1;
    /** Routes the kernel adds itself, e.g. the prefix route of an address. */
    public static final int KERNEL = 2;
    /** What {@code ip route add} uses by default; Calico's workload routes. */
    public static final int BOOT = 3;

    public static final int STATIC = 4;
    public static final int BIRD = 12;
    /** brindle's routes: {@code proto brindle} (CONTRACT.md). */
    public static final int BRINDLE = 98;

    private RouteProtocol() {}
}
