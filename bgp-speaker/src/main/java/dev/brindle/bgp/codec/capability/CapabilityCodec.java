package dev.brindle.bgp.codec.capability;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.bgp.codec.BgpError;
import dev.brindle.bgp.codec.BgpProtocolException;
import dev.brindle.bgp.codec.Octets;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and serializes the value of a Capabilities optional parameter (RFC 5492 §4): a sequence of (code, length,
 * value). A capability whose value has the wrong size for its code is an OPEN error; RFC 5492 names no subcode for
 * it, so it is reported as 2/0.
 */
public final class CapabilityCodec {
    private CapabilityCodec() {}

    /** Parses every capability in the next {@code length} bytes. */
    public static List<Capability> parseAll(ByteBuf in, int length) {
        int end = in.readerIndex() + length;
        List<Capability> caps = new ArrayList<>();
        while (in.readerIndex() < end) {
            if (end - in.readerIndex() < 2) {
                throw malformed("capability header truncated");
            }
            int code = in.readUnsignedByte();
            int valueLength = in.readUnsignedByte();
            if (in.readerIndex() + valueLength > end) {
                throw malformed("capability " + code + " length " + valueLength + " runs past its parameter");
            }
            caps.add(parse(code, in.readSlice(valueLength)));
        }
        return caps;
    }

    /** Serializes each capability as (code, length, value). */
    public static void writeAll(ByteBuf out, List<Capability> caps) {
        for (Capability c : caps) {
            out.writeByte(c.code());
            int lengthIndex = out.writerIndex();
            out.writeByte(0);
            write(out, c);
            out.setByte(lengthIndex, out.writerIndex() - lengthIndex - 1);
        }
    }

    static Capability parse(int code, ByteBuf value) {
        return switch (code) {
            case Capability.MULTIPROTOCOL -> parseMultiprotocol(value);
            case Capability.ROUTE_REFRESH -> empty(value, new RouteRefreshCapability());
            case Capability.ENHANCED_ROUTE_REFRESH -> empty(value, new EnhancedRouteRefreshCapability());
            case Capability.FOUR_OCTET_AS -> parseFourOctetAs(value);
            case Capability.GRACEFUL_RESTART -> parseGracefulRestart(value);
            default -> new UnknownCapability(code, Octets.of(bytes(value)));
        };
    }

    private static void write(ByteBuf out, Capability c) {
        switch (c) {
            case MultiprotocolCapability mp -> {
                out.writeShort(mp.afiSafi().afi());
                out.writeByte(0);
                out.writeByte(mp.afiSafi().safi());
            }
            case RouteRefreshCapability rr -> {}
            case EnhancedRouteRefreshCapability err -> {}
            case FourOctetAsCapability as -> out.writeInt((int) as.asNumber());
            case GracefulRestartCapability gr -> writeGracefulRestart(out, gr);
            case UnknownCapability u -> out.writeBytes(u.value().toByteArray());
        }
    }

    /** RFC 4760 §8: AFI (2), reserved (1), SAFI (1). */
    private static Capability parseMultiprotocol(ByteBuf value) {
        requireLength(value, 4, "multiprotocol");
        int afi = value.readUnsignedShort();
        value.skipBytes(1);
        return new MultiprotocolCapability(new AfiSafi(afi, value.readUnsignedByte()));
    }

    /** RFC 6793 §3: the 4-octet AS number. */
    private static Capability parseFourOctetAs(ByteBuf value) {
        requireLength(value, 4, "4-octet AS");
        return new FourOctetAsCapability(value.readUnsignedInt());
    }

    /** RFC 4724 §3: flags (4 bits) + restart time (12 bits), then (AFI 2, SAFI 1, flags 1) per family. */
    private static Capability parseGracefulRestart(ByteBuf value) {
        if (value.readableBytes() < 2 || (value.readableBytes() - 2) % 4 != 0) {
            throw malformed("graceful restart capability length " + value.readableBytes() + " is not 2 + 4n");
        }
        int word = value.readUnsignedShort();
        List<GracefulRestartCapability.Family> families = new ArrayList<>();
        while (value.isReadable()) {
            int afi = value.readUnsignedShort();
            int safi = value.readUnsignedByte();
            boolean forwarding = (value.readUnsignedByte() & 0x80) != 0;
            families.add(new GracefulRestartCapability.Family(new AfiSafi(afi, safi), forwarding));
        }
        return new GracefulRestartCapability(
                (word & 0x8000) != 0,
                (word & 0x4000) != 0,
                word & GracefulRestartCapability.MAX_RESTART_TIME,
                families);
    }

    private static void writeGracefulRestart(ByteBuf out, GracefulRestartCapability gr) {
        int flags = (gr.restarting() ? 0x8000 : 0) | (gr.notification() ? 0x4000 : 0);
        out.writeShort(flags | gr.restartTimeSeconds());
        for (GracefulRestartCapability.Family f : gr.families()) {
            out.writeShort(f.afiSafi().afi());
            out.writeByte(f.afiSafi().safi());
            out.writeByte(f.forwardingPreserved() ? 0x80 : 0);
        }
    }

    private static Capability empty(ByteBuf value, Capability capability) {
        requireLength(value, 0, capability.getClass().getSimpleName());
        return capability;
    }

    private static void requireLength(ByteBuf value, int length, String what) {
        if (value.readableBytes() != length) {
            throw malformed(what + " capability has " + value.readableBytes() + " bytes, not " + length);
        }
    }

    private static byte[] bytes(ByteBuf value) {
        byte[] b = new byte[value.readableBytes()];
        value.readBytes(b);
        return b;
    }

    private static BgpProtocolException malformed(String message) {
        return new BgpProtocolException(BgpError.OPEN_MESSAGE_ERROR, message + " (RFC 5492 §4)");
    }
}
