package dev.brindle.netlink;

/** The rtnetlink multicast groups a subscription can join (linux/rtnetlink.h enum rtnetlink_groups). */
public enum NetlinkGroup {
    LINK(1),
    NEIGH(3),
    IPV4_ADDRESS(5),
    IPV4_ROUTE(7),
    IPV6_ADDRESS(9),
    IPV6_ROUTE(11);

    private final int id;

    NetlinkGroup(int id) {
        this.id = id;
    }

    /** The RTNLGRP_* number for NETLINK_ADD_MEMBERSHIP. */
    public int id() {
        return id;
    }
}
