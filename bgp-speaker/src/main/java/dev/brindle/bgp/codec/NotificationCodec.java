package dev.brindle.bgp.codec;

import io.netty.buffer.ByteBuf;

/** NOTIFICATION body (RFC 4271 §4.5): error code (1), error subcode (1), data (the rest of the message). */
final class NotificationCodec {
    static final int BODY_MIN = 2;

    private NotificationCodec() {}

    static BgpNotification parse(ByteBuf body) {
        int code = body.readUnsignedByte();
        int subcode = body.readUnsignedByte();
        byte[] data = new byte[body.readableBytes()];
        body.readBytes(data);
        return new BgpNotification(code, subcode, Octets.of(data));
    }

    static void write(BgpNotification n, ByteBuf out) {
        out.writeByte(n.code());
        out.writeByte(n.subcode());
        out.writeBytes(n.data().toByteArray());
    }
}
