package dev.brindle.bgp.codec.attr;

import dev.brindle.bgp.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes made of fixed-size fields: ORIGIN, NEXT_HOP, MULTI_EXIT_DISC, LOCAL_PREF, ATOMIC_AGGREGATE (RFC
 * 4271 §4.3), COMMUNITIES (RFC 1997), ORIGINATOR_ID and CLUSTER_LIST (RFC 4456 §8). Length rules from RFC 7606 §7.
 */
final class BasicAttributeCodec {
    private BasicAttributeCodec() {}

    static Origin parseOrigin(ByteBuf v) {
        requireLength(v, 1, "ORIGIN");
        int value = v.readUnsignedByte();
        if (value > 2) {
            throw new MalformedAttributeException(Malformation.VALUE, "ORIGIN value " + value + " is undefined");
        }
        return new Origin(value);
    }

    static NextHop parseNextHop(ByteBuf v) {
        requireLength(v, 4, "NEXT_HOP");
        return new NextHop(WireFormat.readIpv4(v));
    }

    static Med parseMed(ByteBuf v) {
        requireLength(v, 4, "MULTI_EXIT_DISC");
        return new Med(v.readUnsignedInt());
    }

    static LocalPref parseLocalPref(ByteBuf v) {
        requireLength(v, 4, "LOCAL_PREF");
        return new LocalPref(v.readUnsignedInt());
    }

    static AtomicAggregate parseAtomicAggregate(ByteBuf v) {
        requireLength(v, 0, "ATOMIC_AGGREGATE");
        return new AtomicAggregate();
    }

    static OriginatorId parseOriginatorId(ByteBuf v) {
        requireLength(v, 4, "ORIGINATOR_ID");
        return new OriginatorId(WireFormat.readIpv4(v));
    }

    /** RFC 7606 §7.10: a CLUSTER_LIST length of 0 or not a multiple of 4 is malformed. */
    static ClusterList parseClusterList(ByteBuf v) {
        requireNonEmptyMultipleOf4(v, "CLUSTER_LIST");
        List<Inet4Address> ids = new ArrayList<>(v.readableBytes() / 4);
        while (v.isReadable()) {
            ids.add(WireFormat.readIpv4(v));
        }
        return new ClusterList(ids);
    }

    /** RFC 7606 §7.8: a COMMUNITIES length of 0 or not a multiple of 4 is malformed. */
    static Communities parseCommunities(ByteBuf v) {
        requireNonEmptyMultipleOf4(v, "COMMUNITIES");
        List<Long> values = new ArrayList<>(v.readableBytes() / 4);
        while (v.isReadable()) {
            values.add(v.readUnsignedInt());
        }
        return new Communities(values);
    }

    static int valueLength(PathAttribute a) {
        return switch (a) {
            case Origin o -> 1;
            case AtomicAggregate aa -> 0;
            case NextHop n -> 4;
            case Med m -> 4;
            case LocalPref l -> 4;
            case OriginatorId o -> 4;
            case ClusterList c -> 4 * c.clusterIds().size();
            case Communities c -> 4 * c.values().size();
            default -> throw new IllegalArgumentException("not a basic attribute: " + a);
        };
    }

    static void write(ByteBuf out, PathAttribute a) {
        switch (a) {
            case Origin o -> out.writeByte(o.value());
            case AtomicAggregate aa -> {}
            case NextHop n -> WireFormat.writeIpv4(out, n.address());
            case Med m -> out.writeInt((int) m.value());
            case LocalPref l -> out.writeInt((int) l.value());
            case OriginatorId o -> WireFormat.writeIpv4(out, o.id());
            case ClusterList c -> c.clusterIds().forEach(id -> WireFormat.writeIpv4(out, id));
            case Communities c -> c.values().forEach(value -> out.writeInt((int) (long) value));
            default -> throw new IllegalArgumentException("not a basic attribute: " + a);
        }
    }

    static void requireLength(ByteBuf v, int length, String name) {
        if (v.readableBytes() != length) {
            throw new MalformedAttributeException(
                    Malformation.LENGTH, name + " has " + v.readableBytes() + " bytes, not " + length);
        }
    }

    private static void requireNonEmptyMultipleOf4(ByteBuf v, String name) {
        if (v.readableBytes() == 0 || v.readableBytes() % 4 != 0) {
            throw new MalformedAttributeException(
                    Malformation.LENGTH, name + " length " + v.readableBytes() + " is not a positive multiple of 4");
        }
    }
}
