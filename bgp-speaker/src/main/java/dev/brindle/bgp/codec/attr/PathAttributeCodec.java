package dev.brindle.bgp.codec.attr;

import static dev.brindle.bgp.codec.attr.PathAttribute.*;

import dev.brindle.bgp.codec.BgpCodecContext;
import dev.brindle.bgp.codec.Octets;
import io.netty.buffer.ByteBuf;

/**
 * Dispatches one path attribute by type code to its family's parser and serializer, and writes the attribute
 * header (RFC 4271 §4.3): flags (1), type (1), length (1, or 2 with the Extended Length flag).
 */
public final class PathAttributeCodec {
    private PathAttributeCodec() {}

    /**
     * Parses the value of one attribute.
     *
     * @throws MalformedAttributeException for flags, length or value errors; the caller asks {@link
     *     UpdateErrorPolicy} what they cost
     */
    public static PathAttribute parse(int flags, int typeCode, ByteBuf value, BgpCodecContext ctx) {
        if (!isKnown(typeCode)) {
            if ((flags & FLAG_OPTIONAL) == 0) {
                throw new MalformedAttributeException(
                        Malformation.UNRECOGNIZED_WELL_KNOWN, "unrecognized well-known attribute type " + typeCode);
            }
            byte[] bytes = new byte[value.readableBytes()];
            value.readBytes(bytes);
            return new UnknownAttribute(flags, typeCode, Octets.of(bytes));
        }
        if (!AttributeFlags.matches(typeCode, flags)) {
            throw new MalformedAttributeException(
                    Malformation.FLAGS,
                    String.format(
                            "attribute %d flags 0x%02x, expected 0x%02x",
                            typeCode, flags, AttributeFlags.expected(typeCode)));
        }
        int asWidth = ctx.fourOctetAs() ? 4 : 2;
        return switch (typeCode) {
            case ORIGIN -> BasicAttributeCodec.parseOrigin(value);
            case AS_PATH -> new AsPath(AsPathCodec.parse(value, asWidth, "AS_PATH"));
            case NEXT_HOP -> BasicAttributeCodec.parseNextHop(value);
            case MULTI_EXIT_DISC -> BasicAttributeCodec.parseMed(value);
            case LOCAL_PREF -> BasicAttributeCodec.parseLocalPref(value);
            case ATOMIC_AGGREGATE -> BasicAttributeCodec.parseAtomicAggregate(value);
            case AGGREGATOR -> AggregatorCodec.parseAggregator(value, asWidth);
            case COMMUNITIES -> BasicAttributeCodec.parseCommunities(value);
            case ORIGINATOR_ID -> BasicAttributeCodec.parseOriginatorId(value);
            case CLUSTER_LIST -> BasicAttributeCodec.parseClusterList(value);
            case MP_REACH_NLRI -> MpNlriCodec.parseReach(flags, value, ctx);
            case MP_UNREACH_NLRI -> MpNlriCodec.parseUnreach(flags, value, ctx);
            case AS4_PATH -> new As4Path(AsPathCodec.parse(value, 4, "AS4_PATH"));
            case AS4_AGGREGATOR -> AggregatorCodec.parseAs4Aggregator(value);
            default -> throw new AssertionError("type " + typeCode + " is known but has no parser");
        };
    }

    /** True for the type codes this codec models (others become {@link UnknownAttribute}). */
    public static boolean isKnown(int typeCode) {
        return switch (typeCode) {
            case ORIGIN,
                    AS_PATH,
                    NEXT_HOP,
                    MULTI_EXIT_DISC,
                    LOCAL_PREF,
                    ATOMIC_AGGREGATE,
                    AGGREGATOR,
                    COMMUNITIES,
                    ORIGINATOR_ID,
                    CLUSTER_LIST,
                    MP_REACH_NLRI,
                    MP_UNREACH_NLRI,
                    AS4_PATH,
                    AS4_AGGREGATOR -> true;
            default -> false;
        };
    }

    /**
     * Writes one attribute with its header, AS numbers at {@code asWidth} (2 or 4) octets. The Extended Length flag
     * is set exactly when the value exceeds 255 bytes.
     */
    public static void write(ByteBuf out, PathAttribute a, int asWidth) {
        int length = valueLength(a, asWidth);
        int flags = a.flags() | (length > 0xff ? FLAG_EXTENDED_LENGTH : 0);
        out.writeByte(flags);
        out.writeByte(a.typeCode());
        if (length > 0xff) {
            out.writeShort(length);
        } else {
            out.writeByte(length);
        }
        writeValue(out, a, asWidth);
    }

    private static int valueLength(PathAttribute a, int asWidth) {
        return switch (a) {
            case AsPath p -> AsPathCodec.valueLength(p.segments(), asWidth);
            case As4Path p -> AsPathCodec.valueLength(p.segments(), 4);
            case Aggregator ag -> asWidth + 4;
            case As4Aggregator ag -> 8;
            case MpReachNlri r -> MpNlriCodec.valueLength(r);
            case MpUnreachNlri u -> MpNlriCodec.valueLength(u);
            case UnknownAttribute u -> u.value().length();
            default -> BasicAttributeCodec.valueLength(a);
        };
    }

    private static void writeValue(ByteBuf out, PathAttribute a, int asWidth) {
        switch (a) {
            case AsPath p -> AsPathCodec.write(out, p.segments(), asWidth);
            case As4Path p -> AsPathCodec.write(out, p.segments(), 4);
            case Aggregator ag -> AggregatorCodec.writeAggregator(out, ag, asWidth);
            case As4Aggregator ag -> AggregatorCodec.writeAs4Aggregator(out, ag);
            case MpReachNlri r -> MpNlriCodec.write(out, r);
            case MpUnreachNlri u -> MpNlriCodec.write(out, u);
            case UnknownAttribute u -> out.writeBytes(u.value().toByteArray());
            default -> BasicAttributeCodec.write(out, a);
        }
    }
}
