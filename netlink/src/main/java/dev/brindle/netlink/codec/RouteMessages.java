package dev.brindle.netlink.codec;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteScope;
import dev.brindle.netlink.RouteType;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/** RTM_*ROUTE messages: struct rtmsg followed by RTA_* attributes. */
public final class RouteMessages {
    /** How a route request treats an existing route with the same key. */
    public enum Mode {
        ADD(Nl.F_CREATE | Nl.F_EXCL),
        REPLACE(Nl.F_CREATE | Nl.F_REPLACE),
        DELETE(0);

        final int flags;

        Mode(int flags) {
            this.flags = flags;
        }
    }

    private RouteMessages() {}

    /**
     * RTM_NEWROUTE or RTM_DELROUTE. A delete sends scope NOWHERE, which the kernel reads as "any scope", like
     * {@code ip route del}.
     */
    public static void write(NlWriter w, Mode mode, Route route) {
        boolean delete = mode == Mode.DELETE;
        w.begin(delete ? Nl.RTM_DELROUTE : Nl.RTM_NEWROUTE, Nl.F_REQUEST | Nl.F_ACK | mode.flags, 0);
        int table = route.table();
        w.u8(route.family().af())
                .u8(route.destination().length())
                .u8(0)
                .u8(0)
                .u8(table < 256 ? table : Nl.RT_TABLE_UNSPEC)
                .u8(route.protocol())
                .u8(delete ? RouteScope.NOWHERE.code() : route.scope().code())
                .u8(route.type().code())
                .u32(route.onlink() ? Nl.RTNH_F_ONLINK : 0);
        w.attrU32(Nl.RTA_TABLE, table);
        w.attrAddress(Nl.RTA_DST, route.destination().network());
        route.gateway().ifPresent(g -> w.attrAddress(Nl.RTA_GATEWAY, g));
        if (route.outputIndex() != 0) {
            w.attrU32(Nl.RTA_OIF, route.outputIndex());
        }
        if (route.priority() != 0) {
            w.attrU32(Nl.RTA_PRIORITY, route.priority());
        }
        route.source().ifPresent(s -> w.attrAddress(Nl.RTA_PREFSRC, s));
        if (route.mtu() != 0 && !delete) {
            int metrics = w.beginNested(Nl.RTA_METRICS);
            w.attrU32(Nl.RTAX_MTU, route.mtu());
            w.endNested(metrics);
        }
        w.end();
    }

    /**
     * A dump request. With NETLINK_GET_STRICT_CHK the kernel applies the table, protocol and device filters itself;
     * callers filter again for kernels without it.
     */
    public static void dump(NlWriter w, RouteFilter filter) {
        w.begin(Nl.RTM_GETROUTE, Nl.F_REQUEST | Nl.F_DUMP, 0);
        int table = filter.table().orElse(0);
        w.u8(filter.family().map(IpFamily::af).orElse(Nl.AF_UNSPEC))
                .u8(0)
                .u8(0)
                .u8(0)
                .u8(table < 256 ? table : Nl.RT_TABLE_UNSPEC)
                .u8(filter.protocol().orElse(0))
                .u8(0)
                .u8(0)
                .u32(0);
        if (table != 0) {
            w.attrU32(Nl.RTA_TABLE, table);
        }
        if (filter.outputIndex() != 0) {
            w.attrU32(Nl.RTA_OIF, filter.outputIndex());
        }
        w.end();
    }

    /**
     * Decodes a route; empty for forms brindle does not model (multipath, RTA_VIA, nexthop objects, source routes,
     * unknown types), which a reconciler must leave alone anyway.
     */
    public static Optional<Route> decode(ByteBuffer buf, int at) {
        try {
            return decodeModelled(buf, at);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Route> decodeModelled(ByteBuffer buf, int at) {
        int length = buf.getInt(at);
        int body = at + Nl.HEADER;
        int af = buf.get(body) & 0xff;
        int dstLength = buf.get(body + 1) & 0xff;
        int srcLength = buf.get(body + 2) & 0xff;
        var attrs = NlAttributes.parse(buf, body + Nl.RTMSG, at + length);
        if (srcLength != 0 || attrs.has(Nl.RTA_MULTIPATH) || attrs.has(Nl.RTA_VIA)) {
            return Optional.empty();
        }
        IpFamily family = IpFamily.ofAf(af);
        InetAddress dst = attrs.address(Nl.RTA_DST);
        if (dst == null) {
            dst = IpAddresses.fromBytes(new byte[family.bytes()]);
        }
        int type = buf.get(body + 7) & 0xff;
        var metrics = attrs.nested(Nl.RTA_METRICS);
        return Optional.of(new Route(
                new IpPrefix(dst, dstLength),
                RouteType.ofCode(type),
                attrs.u32(Nl.RTA_TABLE, buf.get(body + 4) & 0xff),
                buf.get(body + 5) & 0xff,
                RouteScope.ofCode(buf.get(body + 6) & 0xff),
                Optional.ofNullable(attrs.address(Nl.RTA_GATEWAY)),
                attrs.u32(Nl.RTA_OIF, 0),
                (buf.getInt(body + 8) & Nl.RTNH_F_ONLINK) != 0,
                attrs.u32(Nl.RTA_PRIORITY, 0),
                metrics.u32(Nl.RTAX_MTU, 0),
                Optional.ofNullable(attrs.address(Nl.RTA_PREFSRC))));
    }
}
