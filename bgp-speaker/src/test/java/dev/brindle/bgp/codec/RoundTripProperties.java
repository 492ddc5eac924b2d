package dev.brindle.bgp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.brindle.bgp.codec.attr.Aggregator;
import dev.brindle.bgp.codec.attr.AsPath;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** parse(serialize(x)) == x for every modelled message, and no exception but the protocol's own from any bytes. */
class RoundTripProperties {
    private static final BgpCodecContext OLD_SPEAKER =
            new BgpCodecContext(false, Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), false);

    @Property(tries = 500)
    void roundTripsBetweenFourOctetSpeakers(@ForAll("fourOctet") BgpMessage message) {
        byte[] bytes = BgpMessageCodec.encode(message, BgpCodecContext.FOUR_OCTET_DUAL_STACK);

        assertThat(BgpMessageCodec.decode(bytes, BgpCodecContext.FOUR_OCTET_DUAL_STACK))
                .isEqualTo(message);
    }

    /** Toward an OLD speaker AS numbers above 65535 travel as AS_TRANS plus AS4_PATH / AS4_AGGREGATOR (RFC 6793). */
    @Property(tries = 500)
    void roundTripsThroughAs4PathWithTwoOctetSpeakers(@ForAll("twoOctet") BgpMessage message) {
        byte[] bytes = BgpMessageCodec.encode(message, OLD_SPEAKER);

        assertThat(BgpMessageCodec.decode(bytes, OLD_SPEAKER)).isEqualTo(message);
    }

    @Property(tries = 2000)
    void anyBodyBehindAValidHeaderFailsOnlyWithTheProtocolsOwnError(
            @ForAll("types") int type, @ForAll("bodies") byte[] body, @ForAll boolean fourOctet) {
        byte[] message = TestMessages.message(type, body);
        BgpCodecContext ctx = fourOctet ? BgpCodecContext.FOUR_OCTET_DUAL_STACK : OLD_SPEAKER;

        assertThatCode(() -> {
                    try {
                        BgpMessageCodec.decode(message, ctx);
                    } catch (BgpProtocolException expected) {
                        // the only failure allowed
                    }
                })
                .doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<BgpMessage> fourOctet() {
        return MessageArbitraries.messages(true);
    }

    /**
     * Leaves out what RFC 6793 §4.2.3 makes lossy by design: an AGGREGATOR with a 2-octet AS next to a path that
     * needs AS4_PATH tells the receiver an OLD speaker aggregated, so it ignores AS4_PATH.
     */
    @Provide
    Arbitrary<BgpMessage> twoOctet() {
        return MessageArbitraries.messages(false)
                .filter(m -> !(m instanceof BgpUpdate u
                        && u.attribute(Aggregator.class)
                                .map(a -> a.asNumber() <= 0xffff)
                                .orElse(false)
                        && u.attribute(AsPath.class)
                                .map(AsPath::needsFourOctets)
                                .orElse(false)));
    }

    @Provide
    Arbitrary<Integer> types() {
        return Arbitraries.integers().between(1, 5);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }
}
