package dev.brindle.bgp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the fuzz corpus (seeds plus what the Jazzer harness in {@code bench/} kept for new coverage) through the
 * real pipeline: only {@link BgpProtocolException} may reach {@code exceptionCaught}, and every message that decodes
 * on a 4-octet session re-encodes to an equal one.
 */
class FuzzCorpusRegressionTest {
    private static final BgpCodecContext OLD_INTERNAL = new BgpCodecContext(false, Set.of(AfiSafi.IPV4_UNICAST), false);
    private static final BgpCodecContext NEW_EXTERNAL =
            new BgpCodecContext(true, Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), true);

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(
                FuzzCorpusRegressionTest.class.getResource("/codec/corpus").toURI());
        return Files.list(dir).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void decodesWithoutAnyErrorButTheProtocolsOwn(Path input) throws IOException {
        byte[] bytes = Files.readAllBytes(input);

        for (BgpCodecContext ctx : List.of(OLD_INTERNAL, NEW_EXTERNAL)) {
            Replay replay = replay(bytes, ctx);

            assertThat(replay.errors).allSatisfy(e -> assertThat(e).isInstanceOf(BgpProtocolException.class));
            if (ctx.fourOctetAs()) {
                assertThat(replay.messages)
                        .allSatisfy(m -> assertThat(BgpMessageCodec.decode(BgpMessageCodec.encode(m, ctx), ctx))
                                .isEqualTo(m));
            }
        }
    }

    private static Replay replay(byte[] bytes, BgpCodecContext ctx) {
        Replay replay = new Replay();
        EmbeddedChannel channel = new EmbeddedChannel(new BgpFrameDecoder(), replay);
        ctx.applyTo(channel);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.finishAndReleaseAll();
        return replay;
    }

    private static final class Replay extends ChannelInboundHandlerAdapter {
        final List<BgpMessage> messages = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            messages.add((BgpMessage) msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }
}
