package dev.brindle.netlink.codec;

/** Netlink and rtnetlink numbers (linux/netlink.h, rtnetlink.h, if_link.h, if_addr.h, neighbour.h, veth.h). */
public final class Nl {
    private Nl() {}

    // nlmsghdr
    public static final int HEADER = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int F_REQUEST = 0x1;
    public static final int F_MULTI = 0x2;
    public static final int F_ACK = 0x4;
    public static final int F_DUMP_INTR = 0x10;
    public static final int F_DUMP = 0x300;
    public static final int F_REPLACE = 0x100;
    public static final int F_EXCL = 0x200;
    public static final int F_CREATE = 0x400;
    public static final int F_APPEND = 0x800;
    /** On NLMSG_ERROR: the request copy is only its header (NETLINK_CAP_ACK). */
    public static final int F_CAPPED = 0x100;
    /** On NLMSG_ERROR: extended-ack TLVs follow. */
    public static final int F_ACK_TLVS = 0x200;

    public static final int NLMSGERR_ATTR_MSG = 1;

    // rtnetlink message types
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_DELNEIGH = 29;
    public static final int RTM_GETNEIGH = 30;

    public static final int AF_UNSPEC = 0;
    public static final int AF_BRIDGE = 7;

    // ifinfomsg / IFLA_*
    public static final int IFINFOMSG = 16;
    public static final int IFF_UP = 0x1;
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_NET_NS_FD = 28;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int VETH_INFO_PEER = 1;
    public static final int IFLA_VXLAN_ID = 1;
    public static final int IFLA_VXLAN_LINK = 3;
    public static final int IFLA_VXLAN_LOCAL = 4;
    public static final int IFLA_VXLAN_LEARNING = 7;
    public static final int IFLA_VXLAN_PORT = 15;
    public static final int IFLA_VXLAN_LOCAL6 = 17;

    // ifaddrmsg / IFA_*
    public static final int IFADDRMSG = 8;
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;

    // rtmsg / RTA_*
    public static final int RTMSG = 12;
    public static final int RTA_DST = 1;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_TABLE = 15;
    public static final int RTA_VIA = 18;
    public static final int RTAX_MTU = 2;
    public static final int RTNH_F_ONLINK = 4;
    public static final int RT_TABLE_UNSPEC = 0;

    // ndmsg / NDA_*
    public static final int NDMSG = 12;
    public static final int NDA_DST = 1;
    public static final int NDA_LLADDR = 2;
    public static final int NDA_IFINDEX = 8;
    public static final int NTF_SELF = 0x2;
    public static final int NUD_PERMANENT = 0x80;

    /** Rounds up to the 4-byte alignment of messages and attributes (NLMSG_ALIGN, NLA_ALIGN). */
    public static int align(int n) {
        return (n + 3) & ~3;
    }
}
