package dev.brindle.bgp.codec;

import dev.brindle.bgp.codec.capability.Capability;
import dev.brindle.bgp.codec.capability.CapabilityCodec;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * OPEN body (RFC 4271 §4.2):
 *
 * <pre>
 *  version (1) | My AS (2) | Hold Time (2) | BGP Identifier (4) | Opt Parm Len (1) | Optional Parameters
 *  parameter: type (1) | length (1) | value; type 2 = Capabilities (RFC 5492)
 * </pre>
 *
 * RFC 9072's extended form (Opt Parm Len 255, then type 255 and a 2-octet length, 2-octet parameter lengths) is
 * accepted on receipt and used on sending only when the parameters do not fit 255 bytes. Only the version is
 * judged here (nothing after it can be trusted for another version); the other §6.2 checks are
 * {@link OpenValidator}'s.
 */
final class OpenCodec {
    static final int BODY_MIN = 10;
    private static final int CAPABILITIES = 2;
    private static final int EXTENDED = 255;

    private OpenCodec() {}

    static BgpOpen parse(ByteBuf body) {
        int version = body.readUnsignedByte();
        if (version != BgpOpen.VERSION) {
            // RFC 4271 §6.2: data = the largest version we support, as a 2-octet number.
            throw new BgpProtocolException(
                    BgpError.UNSUPPORTED_VERSION_NUMBER,
                    new byte[] {0, BgpOpen.VERSION},
                    "peer speaks BGP version " + version + ", only 4 is supported");
        }
        int myAs = body.readUnsignedShort();
        int holdTime = body.readUnsignedShort();
        Inet4Address id = WireFormat.readIpv4(body);
        int paramsLength = body.readUnsignedByte();
        boolean extended =
                paramsLength == EXTENDED && body.isReadable() && body.getUnsignedByte(body.readerIndex()) == EXTENDED;
        if (extended) {
            body.skipBytes(1);
            paramsLength = readLength(body, 2, "extended optional parameters length");
        }
        if (paramsLength != body.readableBytes()) {
            throw malformed(
                    "optional parameters length " + paramsLength + " but " + body.readableBytes() + " bytes follow");
        }
        List<Capability> caps = new ArrayList<>();
        List<BgpOpen.OptionalParameter> others = new ArrayList<>();
        while (body.isReadable()) {
            int type = readLength(body, 1, "optional parameter type");
            int length = readLength(body, extended ? 2 : 1, "optional parameter length");
            if (length > body.readableBytes()) {
                throw malformed("optional parameter " + type + " length " + length + " runs past the OPEN");
            }
            if (type == CAPABILITIES) {
                caps.addAll(CapabilityCodec.parseAll(body, length));
            } else {
                byte[] value = new byte[length];
                body.readBytes(value);
                others.add(new BgpOpen.OptionalParameter(type, Octets.of(value)));
            }
        }
        return new BgpOpen(version, myAs, holdTime, id, caps, others);
    }

    /** Writes all capabilities into one Capabilities parameter (RFC 5492 §4 allows one or several). */
    static void write(BgpOpen open, ByteBuf out) {
        out.writeByte(open.version());
        out.writeShort(open.myAs());
        out.writeShort(open.holdTime());
        WireFormat.writeIpv4(out, open.bgpIdentifier());
        ByteBuf params = out.alloc().buffer();
        try {
            if (writeParameters(open, params, false) && params.readableBytes() < EXTENDED) {
                out.writeByte(params.readableBytes());
                out.writeBytes(params);
                return;
            }
            params.clear();
            writeParameters(open, params, true);
            out.writeByte(EXTENDED).writeByte(EXTENDED).writeShort(params.readableBytes());
            out.writeBytes(params);
        } finally {
            params.release();
        }
    }

    /** Writes the parameters; false when one of them does not fit a 1-octet length (then RFC 9072 is needed). */
    private static boolean writeParameters(BgpOpen open, ByteBuf out, boolean extended) {
        boolean fits = true;
        if (!open.capabilities().isEmpty()) {
            out.writeByte(CAPABILITIES);
            int lengthIndex = writeLengthPlaceholder(out, extended);
            CapabilityCodec.writeAll(out, open.capabilities());
            fits = patchLength(out, lengthIndex, extended);
        }
        for (BgpOpen.OptionalParameter p : open.otherParameters()) {
            out.writeByte(p.type());
            int lengthIndex = writeLengthPlaceholder(out, extended);
            out.writeBytes(p.value().toByteArray());
            fits &= patchLength(out, lengthIndex, extended);
        }
        return fits;
    }

    private static int writeLengthPlaceholder(ByteBuf out, boolean extended) {
        int index = out.writerIndex();
        out.writeZero(extended ? 2 : 1);
        return index;
    }

    private static boolean patchLength(ByteBuf out, int lengthIndex, boolean extended) {
        int length = out.writerIndex() - lengthIndex - (extended ? 2 : 1);
        if (extended) {
            out.setShort(lengthIndex, length);
            return true;
        }
        out.setByte(lengthIndex, length);
        return length <= 0xff;
    }

    private static int readLength(ByteBuf body, int octets, String what) {
        if (body.readableBytes() < octets) {
            throw malformed(what + " truncated");
        }
        return octets == 1 ? body.readUnsignedByte() : body.readUnsignedShort();
    }

    private static BgpProtocolException malformed(String message) {
        return new BgpProtocolException(BgpError.OPEN_MESSAGE_ERROR, message + " (RFC 4271 §4.2, RFC 9072)");
    }
}
