package dev.brindle.bgp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the TCP stream into BGP messages and decodes them with the channel's {@link BgpCodecContext}. Never
 * allocates on a peer's length before the header is validated (bgp-facts §9.3); a message is sliced, not copied.
 *
 * <p>Emits {@link BgpMessage}s. For an UPDATE with RFC 7606 problems it first fires the {@link UpdateDecodeResult}
 * as a user event (for logging), then emits {@link UpdateDecodeResult#effective()} unless nothing is left of it.
 * A {@link BgpProtocolException} is passed to {@code exceptionCaught} unwrapped; the session sends its
 * NOTIFICATION and closes, and this decoder discards everything after it.
 */
public final class BgpFrameDecoder extends ByteToMessageDecoder {
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeOne(ctx, in, out);
        } catch (BgpProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            ctx.fireExceptionCaught(e);
        }
    }

    private static void decodeOne(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < BgpMessageCodec.HEADER_LENGTH) {
            return;
        }
        int length = BgpMessageCodec.checkHeader(in);
        if (in.readableBytes() < length) {
            return;
        }
        ByteBuf message = in.readSlice(length);
        BgpCodecContext codecContext = BgpCodecContext.of(ctx.channel());
        int type = message.getUnsignedByte(message.readerIndex() + BgpMessageCodec.MARKER_LENGTH + 2);
        if (type != BgpMessageType.UPDATE.code()) {
            out.add(BgpMessageCodec.decode(message, codecContext));
            return;
        }
        UpdateDecodeResult result = BgpMessageCodec.decodeUpdate(message, codecContext);
        if (result.problems().isEmpty()) {
            out.add(result.parsed());
            return;
        }
        ctx.fireUserEventTriggered(result);
        BgpUpdate effective = result.effective();
        // An UPDATE with errors is never a real End-of-RIB; one whose every part was dropped must not look like one.
        if (!effective.isEndOfRib()) {
            out.add(effective);
        }
    }
}
