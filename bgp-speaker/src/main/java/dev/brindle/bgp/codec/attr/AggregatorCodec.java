package dev.brindle.bgp.codec.attr;

import dev.brindle.bgp.codec.BgpOpen;
import dev.brindle.bgp.codec.WireFormat;
import io.netty.buffer.ByteBuf;

/**
 * AGGREGATOR (RFC 4271 §4.3 g: AS of 2 or, with 4-octet AS negotiated, 4 octets, then an IPv4 address) and
 * AS4_AGGREGATOR (RFC 6793 §3: always 4 + 4). Wrong lengths are RFC 7606 §7.7 / RFC 6793 §6 malformations.
 */
final class AggregatorCodec {
    private AggregatorCodec() {}

    static Aggregator parseAggregator(ByteBuf v, int asWidth) {
        BasicAttributeCodec.requireLength(v, asWidth + 4, "AGGREGATOR");
        long as = asWidth == 4 ? v.readUnsignedInt() : v.readUnsignedShort();
        return new Aggregator(requireNonZero(as, "AGGREGATOR"), WireFormat.readIpv4(v));
    }

    static As4Aggregator parseAs4Aggregator(ByteBuf v) {
        BasicAttributeCodec.requireLength(v, 8, "AS4_AGGREGATOR");
        long as = v.readUnsignedInt();
        return new As4Aggregator(requireNonZero(as, "AS4_AGGREGATOR"), WireFormat.readIpv4(v));
    }

    /** RFC 7607 §2: AS 0 in an aggregator makes the attribute malformed. */
    private static long requireNonZero(long as, String name) {
        if (as == 0) {
            throw new MalformedAttributeException(Malformation.VALUE, name + " names AS 0 (RFC 7607 §2)");
        }
        return as;
    }

    static void writeAggregator(ByteBuf out, Aggregator a, int asWidth) {
        if (asWidth == 4) {
            out.writeInt((int) a.asNumber());
        } else {
            out.writeShort(a.asNumber() > 0xffff ? BgpOpen.AS_TRANS : (int) a.asNumber());
        }
        WireFormat.writeIpv4(out, a.address());
    }

    static void writeAs4Aggregator(ByteBuf out, As4Aggregator a) {
        out.writeInt((int) a.asNumber());
        WireFormat.writeIpv4(out, a.address());
    }
}
