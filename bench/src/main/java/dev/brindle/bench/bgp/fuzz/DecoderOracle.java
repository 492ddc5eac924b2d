package dev.brindle.bench.bgp.fuzz;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.bgp.codec.BgpCodecContext;
import dev.brindle.bgp.codec.BgpMessage;
import dev.brindle.bgp.codec.BgpMessageCodec;
import dev.brindle.bgp.codec.BgpProtocolException;
import dev.brindle.bgp.codec.BgpUpdate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Set;

/**
 * What the fuzzer asserts about one input, read as a TCP byte stream of BGP messages and decoded the way
 * {@link dev.brindle.bgp.codec.BgpFrameDecoder} does, under two session contexts:
 *
 * <ul>
 *   <li>nothing but {@link BgpProtocolException} escapes decoding (anything else propagates and is a finding);
 *   <li>on a 4-octet session, every decoded message re-encodes and decodes to an equal message;
 *   <li>on a 2-octet session it re-encodes; only an UPDATE may fail, and only for exceeding 4096 bytes (AS4_PATH
 *       can grow it, RFC 6793 §4.2.2). Equality is not asked there: RFC 6793 §4.2.3 makes some paths lossy.
 * </ul>
 */
public final class DecoderOracle {
    private static final BgpCodecContext OLD_INTERNAL = new BgpCodecContext(false, Set.of(AfiSafi.IPV4_UNICAST), false);
    private static final BgpCodecContext NEW_EXTERNAL =
            new BgpCodecContext(true, Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), true);

    private DecoderOracle() {}

    /** Checks one input; throws {@link AssertionError} (or whatever escaped the codec) on a finding. */
    public static void check(byte[] input) {
        decodeStream(input, OLD_INTERNAL, false);
        decodeStream(input, NEW_EXTERNAL, true);
    }

    private static void decodeStream(byte[] input, BgpCodecContext ctx, boolean requireEqual) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            while (in.readableBytes() >= BgpMessageCodec.HEADER_LENGTH) {
                int length = BgpMessageCodec.checkHeader(in);
                if (in.readableBytes() < length) {
                    return;
                }
                BgpMessage message = BgpMessageCodec.decode(in.readSlice(length), ctx);
                reencode(message, ctx, requireEqual);
            }
        } catch (BgpProtocolException expected) {
            // The session answers with its NOTIFICATION: the one allowed outcome for bad input.
        }
    }

    private static void reencode(BgpMessage message, BgpCodecContext ctx, boolean requireEqual) {
        byte[] bytes;
        try {
            bytes = BgpMessageCodec.encode(message, ctx);
        } catch (IllegalArgumentException tooLong) {
            if (!requireEqual
                    && message instanceof BgpUpdate
                    && tooLong.getMessage().contains("4096")) {
                return;
            }
            throw new AssertionError("re-encoding " + message + " failed", tooLong);
        }
        if (requireEqual) {
            BgpMessage again = BgpMessageCodec.decode(bytes, ctx);
            if (!again.equals(message)) {
                throw new AssertionError("round trip changed " + message + " into " + again);
            }
        }
    }
}
