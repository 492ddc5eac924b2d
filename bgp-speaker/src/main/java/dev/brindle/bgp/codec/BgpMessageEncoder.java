package dev.brindle.bgp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link BgpMessage}s with their header, using the channel's {@link BgpCodecContext} (AS number width,
 * AS4_PATH toward OLD speakers). Stateless and shared, Netty-style.
 */
@Sharable
public final class BgpMessageEncoder extends MessageToByteEncoder<BgpMessage> {
    public static final BgpMessageEncoder INSTANCE = new BgpMessageEncoder();

    private BgpMessageEncoder() {
        super(BgpMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, BgpMessage msg, ByteBuf out) {
        BgpMessageCodec.encode(msg, out, BgpCodecContext.of(ctx.channel()));
    }
}
