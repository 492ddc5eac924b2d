package dev.brindle.bgp.codec;

import static dev.brindle.bgp.codec.TestMessages.HEX;
import static dev.brindle.bgp.codec.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.codec.attr.UpdateErrorAction;
import dev.brindle.core.IpPrefix;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The framing rules of RFC 4271 §4.1 / §6.1 through a real Netty pipeline. */
class BgpFrameDecoderTest {
    private final List<Throwable> errors = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new BgpFrameDecoder(), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
    }

    @Test
    void decodesKeepaliveSplitAcrossReads() {
        byte[] keepalive = message(4, new byte[0]);

        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(keepalive, 10)));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(keepalive, 10, 19)));

        assertThat((Object) channel.readInbound()).isEqualTo(BgpKeepalive.INSTANCE);
    }

    @Test
    void decodesSeveralMessagesFromOneRead() {
        ByteBuf both = Unpooled.wrappedBuffer(message(4, new byte[0]), message(2, new byte[4]));

        channel.writeInbound(both);

        assertThat((Object) channel.readInbound()).isEqualTo(BgpKeepalive.INSTANCE);
        assertThat((Object) channel.readInbound()).isEqualTo(EndOfRib.of(AfiSafi.IPV4_UNICAST));
    }

    @Test
    void markerNotAllOnesIsConnectionNotSynchronized() {
        byte[] bad = message(4, new byte[0]);
        bad[3] = 0;

        assertThat(errorFor(bad).error()).isEqualTo(BgpError.CONNECTION_NOT_SYNCHRONIZED);
    }

    @Test
    void lengthBelow19IsBadMessageLengthWithTheLengthAsData() {
        BgpProtocolException e = errorFor(message(4, new byte[0], 18));

        assertThat(e.error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);
        assertThat(e.data()).isEqualTo(Octets.fromHex("0012"));
    }

    @Test
    void lengthAbove4096IsBadMessageLengthBeforeWaitingForTheBody() {
        BgpProtocolException e = errorFor(message(2, new byte[0], 4097));

        assertThat(e.error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);
        assertThat(e.data()).isEqualTo(Octets.fromHex("1001"));
    }

    @Test
    void keepaliveLongerThan19IsBadMessageLength() {
        BgpProtocolException e = errorFor(message(4, new byte[1]));

        assertThat(e.error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);
        assertThat(e.data()).isEqualTo(Octets.fromHex("0014"));
    }

    @Test
    void openShorterThan29IsBadMessageLength() {
        assertThat(errorFor(message(1, new byte[9])).error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);
    }

    @Test
    void updateShorterThan23IsBadMessageLength() {
        assertThat(errorFor(message(2, new byte[3])).error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);
    }

    @Test
    void notificationShorterThan21IsBadMessageLength() {
        assertThat(errorFor(message(3, new byte[1])).error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);
    }

    @Test
    void unknownTypeIsBadMessageTypeWithTheTypeAsData() {
        BgpProtocolException e = errorFor(message(6, new byte[0]));

        assertThat(e.error()).isEqualTo(BgpError.BAD_MESSAGE_TYPE);
        assertThat(e.data()).isEqualTo(Octets.of((byte) 6));
    }

    @Test
    void routeRefreshOfWrongLengthIsRouteRefreshErrorWithTheWholeMessage() {
        byte[] bad = message(5, HEX.parseHex("0001000100"));

        BgpProtocolException e = errorFor(bad);

        assertThat(e.error()).isEqualTo(BgpError.ROUTE_REFRESH_INVALID_MESSAGE_LENGTH);
        assertThat(e.data()).isEqualTo(Octets.of(bad));
    }

    @Test
    void discardsEverythingAfterAnError() {
        channel.writeInbound(Unpooled.wrappedBuffer(message(9, new byte[0]), message(4, new byte[0])));

        assertThat(errors).hasSize(1);
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(message(4, new byte[0])));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void updateWithTreatAsWithdrawFiresTheProblemsThenTheWithdrawal() {
        // ORIGIN value 7 is malformed: RFC 7606 §7.1 treat-as-withdraw.
        String attributes = TestMessages.attr(0x40, 1, "07")
                + TestMessages.attr(0x40, 2, "")
                + TestMessages.attr(0x40, 3, "c0000201");
        channel.writeInbound(Unpooled.wrappedBuffer(TestMessages.update("", attributes, TestMessages.BLOCK)));

        assertThat(events)
                .singleElement()
                .isInstanceOfSatisfying(
                        UpdateDecodeResult.class,
                        r -> assertThat(r.action()).isEqualTo(UpdateErrorAction.TREAT_AS_WITHDRAW));
        BgpUpdate update = channel.readInbound();
        assertThat(update.withdrawn()).containsExactly(IpPrefix.parse("10.244.1.0/26"));
        assertThat(update.nlri()).isEmpty();
    }

    @Test
    void updateWithNothingLeftAfterTreatAsWithdrawIsNotPassedOnAsEndOfRib() {
        channel.writeInbound(Unpooled.wrappedBuffer(TestMessages.update("", TestMessages.attr(0x40, 1, "07"), "")));

        assertThat(events).hasSize(1);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void usesTheContextTheSessionSetOnTheChannel() {
        // A 4-octet AS_PATH of one AS: 2 (sequence), 1, 4200000001.
        String attributes = TestMessages.attr(0x40, 1, "00")
                + TestMessages.attr(0x40, 2, "0201fa56ea01")
                + TestMessages.attr(0x40, 3, "c0000201");
        new BgpCodecContext(true, Set.of(AfiSafi.IPV4_UNICAST), true).applyTo(channel);

        channel.writeInbound(Unpooled.wrappedBuffer(TestMessages.update("", attributes, TestMessages.BLOCK)));

        BgpUpdate update = channel.readInbound();
        assertThat(update.attribute(dev.brindle.bgp.codec.attr.AsPath.class)
                        .orElseThrow()
                        .firstAs())
                .contains(4200000001L);
    }

    private BgpProtocolException errorFor(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(errors).singleElement().isInstanceOf(BgpProtocolException.class);
        return (BgpProtocolException) errors.getFirst();
    }
}
