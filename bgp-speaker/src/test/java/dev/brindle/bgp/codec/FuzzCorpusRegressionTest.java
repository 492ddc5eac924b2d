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
import org.junit.jupiter.api.Test;

/**
 * Replays the fuzz corpus (seeds plus what the Jazzer harness in {@code bench/} kept for new coverage) through the
 * real pipeline: only {@link BgpProtocolException} may reach {@code exceptionCaught}, and every message that decodes
 * on a 4-octet session re-encodes to an equal one.
 */
class FuzzCorpusRegressionTest {
    private static final BgpCodecContext OLD_INTERNAL = new BgpCodecContext(false, Set.of(AfiSafi.IPV4_UNICAST), false);
    private static final BgpCodecContext NEW_EXTERNAL =
            new BgpCodecContext(true, Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), true);

    @Test
    void everyCorpusInputDecodesWithoutAnyErrorButTheProtocolsOwn() throws IOException, URISyntaxException {
        Path dir = Path.of(
                FuzzCorpusRegressionTest.class.getResource("/codec/corpus").toURI());
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.sorted().toList();
        }
        List<String> findings = new ArrayList<>();
        for (Path input : inputs) {
            findings.addAll(check(input.getFileName().toString(), Files.readAllBytes(input)));
        }

        assertThat(inputs).hasSizeGreaterThan(50);
        assertThat(findings).isEmpty();
    }

    private static List<String> check(String name, byte[] bytes) {
        List<String> findings = new ArrayList<>();
        for (BgpCodecContext ctx : List.of(OLD_INTERNAL, NEW_EXTERNAL)) {
            Replay replay = replay(bytes, ctx);
            replay.errors.stream()
                    .filter(e -> !(e instanceof BgpProtocolException))
                    .forEach(e -> findings.add(name + ": " + e));
            if (ctx.fourOctetAs()) {
                for (BgpMessage m : replay.messages) {
                    BgpMessage again = BgpMessageCodec.decode(BgpMessageCodec.encode(m, ctx), ctx);
                    if (!again.equals(m)) {
                        findings.add(name + ": " + m + " re-decoded as " + again);
                    }
                }
            }
        }
        return findings;
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
