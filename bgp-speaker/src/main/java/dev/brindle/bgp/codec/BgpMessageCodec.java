package dev.brindle.bgp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Whole BGP messages, header included (RFC 4271 §4.1):
 *
 * <pre>
 *  +-----------------------------------------------+
 *  |            Marker (16 octets, all ones)       |
 *  +-----------------------+-----------+-----------+
 *  |     Length (2)        | Type (1)  |  body …   |
 *  +-----------------------+-----------+-----------+
 * </pre>
 *
 * Length counts the header and lies in 19..4096 (RFC 4271 §4.1); each type has its own minimum (§6.1). Header
 * errors are thrown as {@link BgpProtocolException} carrying the NOTIFICATION §6.1 prescribes.
 */
public final class BgpMessageCodec {
    public static final int MARKER_LENGTH = 16;
    public static final int HEADER_LENGTH = 19;
    public static final int MAX_LENGTH = 4096;

    private BgpMessageCodec() {}

    /**
     * Checks the header at the reader index without consuming anything and returns the message length. Needs at
     * least {@link #HEADER_LENGTH} readable bytes.
     *
     * @throws BgpProtocolException 1/1 for a bad marker, 1/2 (data = the length) for a length outside 19..4096 or
     *     below the type's minimum, 1/3 (data = the type) for an unknown type
     */
    public static int checkHeader(ByteBuf in) {
        int at = in.readerIndex();
        for (int i = 0; i < MARKER_LENGTH; i++) {
            if (in.getByte(at + i) != (byte) 0xff) {
                throw new BgpProtocolException(BgpError.CONNECTION_NOT_SYNCHRONIZED, "marker is not all ones");
            }
        }
        int length = in.getUnsignedShort(at + MARKER_LENGTH);
        int typeCode = in.getUnsignedByte(at + MARKER_LENGTH + 2);
        if (length < HEADER_LENGTH || length > MAX_LENGTH) {
            throw badLength(length, "outside " + HEADER_LENGTH + ".." + MAX_LENGTH);
        }
        BgpMessageType type = BgpMessageType.fromCode(typeCode)
                .orElseThrow(() -> new BgpProtocolException(
                        BgpError.BAD_MESSAGE_TYPE, new byte[] {(byte) typeCode}, "unknown message type " + typeCode));
        checkTypeLength(type, length);
        return length;
    }

    /** RFC 4271 §6.1: the length must also suit the type (OPEN ≥ 29, UPDATE ≥ 23, NOTIFICATION ≥ 21, KEEPALIVE 19). */
    private static void checkTypeLength(BgpMessageType type, int length) {
        int body = length - HEADER_LENGTH;
        boolean ok = switch (type) {
            case OPEN -> body >= OpenCodec.BODY_MIN;
            case UPDATE -> body >= UpdateCodec.BODY_MIN;
            case NOTIFICATION -> body >= NotificationCodec.BODY_MIN;
            case KEEPALIVE -> body == 0;
            case ROUTE_REFRESH -> true; // judged with the whole message at hand, RFC 7313 §5
        };
        if (!ok) {
            throw badLength(length, "wrong for " + type);
        }
    }

    /**
     * Decodes one whole message (exactly its length in bytes). An UPDATE comes back as the update the RIB should
     * apply after RFC 7606 handling; use {@link #decodeUpdate} to also see the problems.
     */
    public static BgpMessage decode(ByteBuf message, BgpCodecContext ctx) {
        BgpMessageType type = typeOf(message);
        if (type == BgpMessageType.UPDATE) {
            return decodeUpdate(message, ctx).effective();
        }
        ByteBuf body = body(message);
        return switch (type) {
            case OPEN -> OpenCodec.parse(body);
            case NOTIFICATION -> NotificationCodec.parse(body);
            case KEEPALIVE -> BgpKeepalive.INSTANCE;
            case ROUTE_REFRESH -> parseRouteRefresh(message, body);
            case UPDATE -> throw new AssertionError("handled above");
        };
    }

    /** Decodes one whole UPDATE message with RFC 7606 error handling. */
    public static UpdateDecodeResult decodeUpdate(ByteBuf message, BgpCodecContext ctx) {
        if (typeOf(message) != BgpMessageType.UPDATE) {
            throw new IllegalArgumentException("not an UPDATE message");
        }
        return UpdateCodec.parse(body(message), ctx);
    }

    /** Decodes a whole message from bytes (tests, tools, the fuzz harness). */
    public static BgpMessage decode(byte[] message, BgpCodecContext ctx) {
        return decode(Unpooled.wrappedBuffer(message), ctx);
    }

    private static BgpMessageType typeOf(ByteBuf message) {
        if (message.readableBytes() < HEADER_LENGTH) {
            throw badLength(message.readableBytes(), "shorter than the header");
        }
        int length = checkHeader(message);
        if (length != message.readableBytes()) {
            throw badLength(length, "but " + message.readableBytes() + " bytes were given");
        }
        return BgpMessageType.fromCode(message.getUnsignedByte(message.readerIndex() + MARKER_LENGTH + 2))
                .orElseThrow();
    }

    private static ByteBuf body(ByteBuf message) {
        return message.slice(message.readerIndex() + HEADER_LENGTH, message.readableBytes() - HEADER_LENGTH);
    }

    /** RFC 7313 §5: a ROUTE-REFRESH whose body is not 4 bytes is answered with 7/1 carrying the whole message. */
    private static BgpRouteRefresh parseRouteRefresh(ByteBuf message, ByteBuf body) {
        if (body.readableBytes() != RouteRefreshCodec.BODY_LENGTH) {
            throw new BgpProtocolException(
                    BgpError.ROUTE_REFRESH_INVALID_MESSAGE_LENGTH,
                    ByteBufUtil.getBytes(message),
                    "ROUTE-REFRESH body of " + body.readableBytes() + " bytes, not 4");
        }
        return RouteRefreshCodec.parse(body);
    }

    /** Writes one whole message. */
    public static void encode(BgpMessage message, ByteBuf out, BgpCodecContext ctx) {
        int start = out.writerIndex();
        for (int i = 0; i < MARKER_LENGTH; i++) {
            out.writeByte(0xff);
        }
        out.writeShort(0);
        out.writeByte(message.type().code());
        switch (message) {
            case BgpOpen open -> OpenCodec.write(open, out);
            case BgpUpdate update -> UpdateCodec.write(update, out, ctx);
            case BgpNotification notification -> NotificationCodec.write(notification, out);
            case BgpKeepalive keepalive -> {}
            case BgpRouteRefresh refresh -> RouteRefreshCodec.write(refresh, out);
        }
        int length = out.writerIndex() - start;
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    message.type() + " of " + length + " bytes exceeds " + MAX_LENGTH + " (RFC 4271 §4.1); split it");
        }
        out.setShort(start + MARKER_LENGTH, length);
    }

    /** The bytes of one whole message. */
    public static byte[] encode(BgpMessage message, BgpCodecContext ctx) {
        ByteBuf out = Unpooled.buffer();
        encode(message, out, ctx);
        return ByteBufUtil.getBytes(out);
    }

    private static BgpProtocolException badLength(int length, String why) {
        return new BgpProtocolException(
                BgpError.BAD_MESSAGE_LENGTH,
                new byte[] {(byte) (length >> 8), (byte) length},
                "message length " + length + " " + why);
    }
}
