package dev.brindle.bgp.codec;

import dev.brindle.bgp.codec.attr.Aggregator;
import dev.brindle.bgp.codec.attr.As4Aggregator;
import dev.brindle.bgp.codec.attr.As4Path;
import dev.brindle.bgp.codec.attr.As4Reconciler;
import dev.brindle.bgp.codec.attr.AsPath;
import dev.brindle.bgp.codec.attr.PathAttribute;
import dev.brindle.bgp.codec.attr.PathAttributeCodec;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * UPDATE body (RFC 4271 §4.3):
 *
 * <pre>
 *  Withdrawn Routes Length (2) | Withdrawn Routes | Total Path Attribute Length (2) | Path Attributes | NLRI
 * </pre>
 *
 * Parsing is delegated to {@link UpdateParser}, which applies RFC 7606. Serializing writes AS numbers at the
 * session's width; toward an OLD speaker it adds AS4_PATH / AS4_AGGREGATOR where needed (RFC 6793 §4.2.2) at
 * their place in ascending type order.
 */
final class UpdateCodec {
    static final int BODY_MIN = 4;

    private UpdateCodec() {}

    static UpdateDecodeResult parse(ByteBuf body, BgpCodecContext ctx) {
        return new UpdateParser(body, ctx).parse();
    }

    static void write(BgpUpdate update, ByteBuf out, BgpCodecContext ctx) {
        int start = out.writerIndex();
        out.writeShort(0);
        WireFormat.writePrefixes(out, update.withdrawn());
        out.setShort(start, out.writerIndex() - start - 2);
        int attributesStart = out.writerIndex();
        out.writeShort(0);
        writeAttributes(out, wireAttributes(update.attributes(), ctx.fourOctetAs()), ctx.fourOctetAs() ? 4 : 2);
        out.setShort(attributesStart, out.writerIndex() - attributesStart - 2);
        WireFormat.writePrefixes(out, update.nlri());
    }

    private static void writeAttributes(ByteBuf out, List<PathAttribute> attributes, int asWidth) {
        for (PathAttribute a : attributes) {
            PathAttributeCodec.write(out, a, asWidth);
        }
    }

    /**
     * The attributes as they go on the wire: AS4_* never to a NEW speaker (RFC 6793 §4.1); to an OLD one
     * recomputed from AS_PATH / AGGREGATOR and inserted in ascending type order.
     */
    static List<PathAttribute> wireAttributes(List<PathAttribute> attributes, boolean fourOctetAs) {
        List<PathAttribute> base = new ArrayList<>(attributes.size() + 2);
        List<PathAttribute> as4 = new ArrayList<>(2);
        for (PathAttribute a : attributes) {
            switch (a) {
                case As4Path p -> {}
                case As4Aggregator ag -> {}
                case AsPath p -> {
                    base.add(p);
                    addIfOld(as4, As4Reconciler.as4PathFor(p), fourOctetAs);
                }
                case Aggregator ag -> {
                    base.add(ag);
                    addIfOld(as4, As4Reconciler.as4AggregatorFor(ag), fourOctetAs);
                }
                default -> base.add(a);
            }
        }
        for (PathAttribute extra : as4) {
            int at = 0;
            while (at < base.size() && base.get(at).typeCode() < extra.typeCode()) {
                at++;
            }
            base.add(at, extra);
        }
        return base;
    }

    private static void addIfOld(List<PathAttribute> as4, Optional<? extends PathAttribute> a, boolean fourOctetAs) {
        if (!fourOctetAs) {
            a.ifPresent(as4::add);
        }
    }

    /** Reads IPv4 prefixes of a body field; any syntax error resets the session (RFC 7606 §5.3, 3/10). */
    static List<IpPrefix> readIpv4Prefixes(ByteBuf body, int length) {
        return WireFormat.readPrefixes(body, length, IpFamily.V4, BgpError.INVALID_NETWORK_FIELD);
    }
}
