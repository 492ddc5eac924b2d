package dev.brindle.bgp.codec.attr;

import dev.brindle.bgp.codec.BgpOpen;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * AS_PATH and AS4_PATH segments (RFC 4271 §4.3 b, RFC 6793 §3): type (1), count (1), count AS numbers of 2 or 4
 * octets. The width comes from the session (4-octet AS negotiated or not), never from guessing (RFC 7606 §7.2).
 */
final class AsPathCodec {
    private AsPathCodec() {}

    /**
     * Parses segments; RFC 7606 §7.2 calls malformed a segment that overruns the attribute, an empty segment, an
     * unknown segment type, and (RFC 7607 §2) AS number 0.
     */
    static List<AsPathSegment> parse(ByteBuf v, int asWidth, String name) {
        List<AsPathSegment> segments = new ArrayList<>();
        while (v.isReadable()) {
            if (v.readableBytes() < 2) {
                throw new MalformedAttributeException(Malformation.LENGTH, name + " segment header truncated");
            }
            int typeCode = v.readUnsignedByte();
            AsPathSegment.Type type = AsPathSegment.Type.fromCode(typeCode)
                    .orElseThrow(() -> new MalformedAttributeException(
                            Malformation.VALUE, name + " segment type " + typeCode + " is undefined"));
            int count = v.readUnsignedByte();
            if (count == 0) {
                throw new MalformedAttributeException(Malformation.VALUE, name + " has an empty segment");
            }
            if (v.readableBytes() < count * asWidth) {
                throw new MalformedAttributeException(
                        Malformation.LENGTH, name + " segment of " + count + " AS numbers overruns the attribute");
            }
            segments.add(new AsPathSegment(type, readAsns(v, count, asWidth, name)));
        }
        return segments;
    }

    private static List<Long> readAsns(ByteBuf v, int count, int asWidth, String name) {
        List<Long> asns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long as = asWidth == 4 ? v.readUnsignedInt() : v.readUnsignedShort();
            if (as == 0) {
                throw new MalformedAttributeException(Malformation.VALUE, name + " holds AS 0 (RFC 7607 §2)");
            }
            asns.add(as);
        }
        return asns;
    }

    static int valueLength(List<AsPathSegment> segments, int asWidth) {
        int length = 0;
        for (AsPathSegment s : segments) {
            length += 2 + s.asns().size() * asWidth;
        }
        return length;
    }

    /** Writes segments; at width 2 an AS number above 65535 becomes AS_TRANS (RFC 6793 §4.2.2). */
    static void write(ByteBuf out, List<AsPathSegment> segments, int asWidth) {
        for (AsPathSegment s : segments) {
            out.writeByte(s.type().code());
            out.writeByte(s.asns().size());
            for (long as : s.asns()) {
                if (asWidth == 4) {
                    out.writeInt((int) as);
                } else {
                    out.writeShort(as > 0xffff ? BgpOpen.AS_TRANS : (int) as);
                }
            }
        }
    }
}
