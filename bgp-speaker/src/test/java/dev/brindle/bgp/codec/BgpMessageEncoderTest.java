package dev.brindle.bgp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.bgp.codec.attr.AsPath;
import dev.brindle.bgp.codec.attr.AsPathSegment;
import dev.brindle.bgp.codec.attr.NextHop;
import dev.brindle.bgp.codec.attr.Origin;
import dev.brindle.core.IpPrefix;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpMessageEncoderTest {
    @Test
    void writesKeepaliveAsTheBareHeader() {
        EmbeddedChannel channel = new EmbeddedChannel(BgpMessageEncoder.INSTANCE);

        channel.writeOutbound(BgpKeepalive.INSTANCE);

        ByteBuf out = channel.readOutbound();
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("ff".repeat(16) + "001304");
        out.release();
    }

    @Test
    void writesAsPathAtTheWidthTheChannelNegotiated() {
        BgpUpdate update = new BgpUpdate(
                List.of(),
                List.of(
                        Origin.IGP,
                        AsPath.of(AsPathSegment.sequence(65001L)),
                        new NextHop(GoldenMessagesTest.ipv4("192.0.2.1"))),
                List.of(IpPrefix.parse("10.244.1.0/26")));
        EmbeddedChannel old = new EmbeddedChannel(BgpMessageEncoder.INSTANCE);
        EmbeddedChannel modern = new EmbeddedChannel(BgpMessageEncoder.INSTANCE);
        BgpCodecContext.FOUR_OCTET_DUAL_STACK.applyTo(modern);

        old.writeOutbound(update);
        modern.writeOutbound(update);

        ByteBuf two = old.readOutbound();
        ByteBuf four = modern.readOutbound();
        assertThat(four.readableBytes() - two.readableBytes()).isEqualTo(2);
        two.release();
        four.release();
    }

    @Test
    void refusesAnUpdateLongerThan4096Bytes() {
        List<IpPrefix> many = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            many.add(IpPrefix.parse("10." + (i / 256) + "." + (i % 256) + ".0/24"));
        }
        BgpUpdate huge = new BgpUpdate(many, List.of(), List.of());

        assertThatThrownBy(() -> BgpMessageCodec.encode(huge, BgpCodecContext.INITIAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4096");
    }
}
