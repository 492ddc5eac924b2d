package dev.brindle.bgp.codec.attr;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.bgp.codec.BgpCodecContext;
import dev.brindle.bgp.codec.BgpError;
import dev.brindle.bgp.codec.BgpProtocolException;
import dev.brindle.bgp.codec.Octets;
import dev.brindle.bgp.codec.WireFormat;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760 §3, §4):
 *
 * <pre>
 *  MP_REACH:   AFI (2) | SAFI (1) | next hop length (1) | next hop | reserved (1) | NLRI
 *  MP_UNREACH: AFI (2) | SAFI (1) | withdrawn routes
 * </pre>
 *
 * A family that was not negotiated, or that this codec does not model, is kept as an {@link UnknownAttribute}
 * (optional non-transitive, so it is never passed on). Next hops: 4 bytes for IPv4; 16 or 32 (global +
 * link-local, RFC 2545 §3) for IPv6.
 */
final class MpNlriCodec {
    private static final int HEADER = 3;

    private MpNlriCodec() {}

    static PathAttribute parseReach(int flags, ByteBuf v, BgpCodecContext ctx) {
        if (v.readableBytes() < HEADER + 2) {
            throw length("MP_REACH_NLRI of " + v.readableBytes() + " bytes is shorter than 5");
        }
        AfiSafi afiSafi = new AfiSafi(v.getUnsignedShort(v.readerIndex()), v.getUnsignedByte(v.readerIndex() + 2));
        if (!ctx.supports(afiSafi) || afiSafi.ipFamily().isEmpty()) {
            return unknown(flags, PathAttribute.MP_REACH_NLRI, v);
        }
        IpFamily family = afiSafi.ipFamily().get();
        v.skipBytes(HEADER);
        int nextHopLength = v.readUnsignedByte();
        int hops = nextHopCount(family, nextHopLength);
        if (v.readableBytes() < nextHopLength + 1) {
            throw length("MP_REACH_NLRI next hop of " + nextHopLength + " bytes overruns the attribute");
        }
        List<InetAddress> nextHops = new ArrayList<>(hops);
        for (int i = 0; i < hops; i++) {
            nextHops.add(WireFormat.readAddress(v, family));
        }
        v.skipBytes(1);
        return new MpReachNlri(afiSafi, nextHops, prefixes(v, family));
    }

    static PathAttribute parseUnreach(int flags, ByteBuf v, BgpCodecContext ctx) {
        if (v.readableBytes() < HEADER) {
            throw length("MP_UNREACH_NLRI of " + v.readableBytes() + " bytes is shorter than 3");
        }
        AfiSafi afiSafi = new AfiSafi(v.getUnsignedShort(v.readerIndex()), v.getUnsignedByte(v.readerIndex() + 2));
        if (!ctx.supports(afiSafi) || afiSafi.ipFamily().isEmpty()) {
            return unknown(flags, PathAttribute.MP_UNREACH_NLRI, v);
        }
        v.skipBytes(HEADER);
        return new MpUnreachNlri(afiSafi, prefixes(v, afiSafi.ipFamily().get()));
    }

    /** RFC 7606 §7.11: a next hop length that does not fit the AFI is malformed. */
    private static int nextHopCount(IpFamily family, int nextHopLength) {
        if (nextHopLength == family.bytes()) {
            return 1;
        }
        if (family == IpFamily.V6 && nextHopLength == 32) {
            return 2;
        }
        throw new MalformedAttributeException(
                Malformation.VALUE, "next hop length " + nextHopLength + " does not fit " + family);
    }

    private static List<IpPrefix> prefixes(ByteBuf v, IpFamily family) {
        try {
            return WireFormat.readPrefixes(v, v.readableBytes(), family, BgpError.OPTIONAL_ATTRIBUTE_ERROR);
        } catch (BgpProtocolException e) {
            throw new MalformedAttributeException(Malformation.VALUE, e.getMessage());
        }
    }

    private static UnknownAttribute unknown(int flags, int typeCode, ByteBuf v) {
        byte[] value = new byte[v.readableBytes()];
        v.readBytes(value);
        return new UnknownAttribute(flags, typeCode, Octets.of(value));
    }

    private static MalformedAttributeException length(String message) {
        return new MalformedAttributeException(Malformation.LENGTH, message);
    }

    static int valueLength(PathAttribute a) {
        return switch (a) {
            case MpReachNlri r -> HEADER + 1 + hopBytes(r) + 1 + prefixBytes(r.nlri());
            case MpUnreachNlri u -> HEADER + prefixBytes(u.withdrawn());
            default -> throw new IllegalArgumentException("not an MP attribute: " + a);
        };
    }

    static void write(ByteBuf out, PathAttribute a) {
        switch (a) {
            case MpReachNlri r -> {
                writeFamily(out, r.afiSafi());
                out.writeByte(hopBytes(r));
                r.nextHops().forEach(hop -> out.writeBytes(hop.getAddress()));
                out.writeByte(0);
                WireFormat.writePrefixes(out, r.nlri());
            }
            case MpUnreachNlri u -> {
                writeFamily(out, u.afiSafi());
                WireFormat.writePrefixes(out, u.withdrawn());
            }
            default -> throw new IllegalArgumentException("not an MP attribute: " + a);
        }
    }

    private static void writeFamily(ByteBuf out, AfiSafi afiSafi) {
        out.writeShort(afiSafi.afi());
        out.writeByte(afiSafi.safi());
    }

    private static int hopBytes(MpReachNlri r) {
        return r.nextHops().size() * r.nextHops().getFirst().getAddress().length;
    }

    private static int prefixBytes(List<IpPrefix> prefixes) {
        int length = 0;
        for (IpPrefix p : prefixes) {
            length += WireFormat.prefixLength(p);
        }
        return length;
    }
}
