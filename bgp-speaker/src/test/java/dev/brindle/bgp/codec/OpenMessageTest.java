package dev.brindle.bgp.codec;

import static dev.brindle.bgp.codec.TestMessages.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.brindle.bgp.codec.capability.Capability;
import dev.brindle.bgp.codec.capability.FourOctetAsCapability;
import dev.brindle.bgp.codec.capability.GracefulRestartCapability;
import dev.brindle.bgp.codec.capability.MultiprotocolCapability;
import dev.brindle.bgp.codec.capability.RouteRefreshCapability;
import java.net.Inet4Address;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OPEN parsing and the RFC 4271 §6.2 checks of {@link OpenValidator}. */
class OpenMessageTest {
    private static final Inet4Address LOCAL_ID = GoldenMessagesTest.ipv4("192.0.2.100");
    private static final Inet4Address PEER_ID = GoldenMessagesTest.ipv4("192.0.2.1");
    private static final OpenValidator.Expectations IBGP =
            new OpenValidator.Expectations(64512, OptionalLong.of(64512), LOCAL_ID, List.of());

    private static BgpOpen open(int myAs, int hold, Inet4Address id, List<Capability> caps) {
        return new BgpOpen(4, myAs, hold, id, caps, List.of());
    }

    @Test
    void versionOtherThan4IsUnsupportedVersionWithOurVersionAsData() {
        byte[] bytes = BgpMessageCodec.encode(open(64512, 90, PEER_ID, List.of()), BgpCodecContext.INITIAL);
        bytes[19] = 3;

        BgpProtocolException e = catchThrowableOfType(
                BgpProtocolException.class, () -> BgpMessageCodec.decode(bytes, BgpCodecContext.INITIAL));

        assertThat(e.error()).isEqualTo(BgpError.UNSUPPORTED_VERSION_NUMBER);
        assertThat(e.data()).isEqualTo(Octets.fromHex("0004"));
    }

    @Test
    void wrongPeerAsIsBadPeerAs() {
        assertError(open(65000, 90, PEER_ID, List.of()), IBGP, BgpError.BAD_PEER_AS);
    }

    @Test
    void asZeroIsBadPeerAsPerRfc7607() {
        var anyAs = new OpenValidator.Expectations(64512, OptionalLong.empty(), LOCAL_ID, List.of());

        assertError(open(0, 90, PEER_ID, List.of()), anyAs, BgpError.BAD_PEER_AS);
    }

    @Test
    void fourOctetAsCapabilityIsThePeerAsPerRfc6793() {
        var expectations = new OpenValidator.Expectations(64512, OptionalLong.of(4_200_000_001L), LOCAL_ID, List.of());
        BgpOpen open = BgpOpen.create(4_200_000_001L, 90, PEER_ID, List.of(new FourOctetAsCapability(4_200_000_001L)));

        assertThat(open.myAs()).isEqualTo(BgpOpen.AS_TRANS);
        OpenValidator.validate(open, expectations);
    }

    @Test
    void identifierZeroIsBadBgpIdentifier() {
        assertError(open(64512, 90, GoldenMessagesTest.ipv4("0.0.0.0"), List.of()), IBGP, BgpError.BAD_BGP_IDENTIFIER);
    }

    @Test
    void internalPeerWithOurIdentifierIsBadBgpIdentifierPerRfc6286() {
        assertError(open(64512, 90, LOCAL_ID, List.of()), IBGP, BgpError.BAD_BGP_IDENTIFIER);
    }

    @Test
    void externalPeerMayShareOurIdentifier() {
        var ebgp = new OpenValidator.Expectations(64512, OptionalLong.of(65001), LOCAL_ID, List.of());

        OpenValidator.validate(open(65001, 90, LOCAL_ID, List.of()), ebgp);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void holdTimeOneOrTwoIsUnacceptable(int hold) {
        assertError(open(64512, hold, PEER_ID, List.of()), IBGP, BgpError.UNACCEPTABLE_HOLD_TIME);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 90, 65535})
    void holdTimeZeroOrAtLeastThreeIsAccepted(int hold) {
        OpenValidator.validate(open(64512, hold, PEER_ID, List.of()), IBGP);
    }

    @Test
    void optionalParameterOtherThanCapabilitiesIsUnsupported() {
        // Opt Parm Len 3: type 1 (the obsolete authentication parameter), length 1, value 0.
        byte[] bytes = TestMessages.message(1, HEX.parseHex("04fc00005ac000020103" + "010100"));
        BgpOpen open = (BgpOpen) BgpMessageCodec.decode(bytes, BgpCodecContext.INITIAL);

        assertError(open, IBGP, BgpError.UNSUPPORTED_OPTIONAL_PARAMETER);
    }

    @Test
    void missingRequiredCapabilityIsUnsupportedCapabilityListingIt() {
        var requireIpv6 = new OpenValidator.Expectations(
                64512, OptionalLong.of(64512), LOCAL_ID, List.of(new MultiprotocolCapability(AfiSafi.IPV6_UNICAST)));
        BgpOpen open = open(64512, 90, PEER_ID, List.of(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST)));

        BgpProtocolException e =
                catchThrowableOfType(BgpProtocolException.class, () -> OpenValidator.validate(open, requireIpv6));

        assertThat(e.error()).isEqualTo(BgpError.UNSUPPORTED_CAPABILITY);
        assertThat(e.data()).isEqualTo(Octets.fromHex("010400020001"));
    }

    @Test
    void capabilityNotRequiredNeedNotBeAnnounced() {
        var requireRefresh = new OpenValidator.Expectations(
                64512, OptionalLong.of(64512), LOCAL_ID, List.of(new RouteRefreshCapability()));

        OpenValidator.validate(open(64512, 90, PEER_ID, List.of(new RouteRefreshCapability())), requireRefresh);
    }

    @Test
    void optionalParametersLengthDisagreeingWithTheMessageIsAnOpenError() {
        byte[] bytes = TestMessages.message(1, HEX.parseHex("04fc00005ac000020105" + "0200"));

        assertThatThrownBy(() -> BgpMessageCodec.decode(bytes, BgpCodecContext.INITIAL))
                .isInstanceOfSatisfying(
                        BgpProtocolException.class, e -> assertThat(e.error()).isEqualTo(BgpError.OPEN_MESSAGE_ERROR));
    }

    @Test
    void extendedOptionalParametersOfRfc9072AreParsed() {
        // Opt Parm Len 255, type 255, extended length 5; parameter type 2 with a 2-octet length of 2: route refresh.
        byte[] bytes = TestMessages.message(1, HEX.parseHex("04fc00005ac0000201ff" + "ff0005" + "02000202" + "00"));

        BgpOpen open = (BgpOpen) BgpMessageCodec.decode(bytes, BgpCodecContext.INITIAL);

        assertThat(open.capabilities()).containsExactly(new RouteRefreshCapability());
    }

    @Test
    void gracefulRestartCapabilityKeepsFlagsTimeAndFamilies() {
        var gr = new GracefulRestartCapability(
                true, false, 120, List.of(new GracefulRestartCapability.Family(AfiSafi.IPV4_UNICAST, true)));
        BgpOpen open = open(64512, 90, PEER_ID, List.of(gr));

        byte[] bytes = BgpMessageCodec.encode(open, BgpCodecContext.INITIAL);

        assertThat(TestMessages.HEX.formatHex(bytes)).endsWith("0208" + "4006" + "8078" + "00010180");
        assertThat(BgpMessageCodec.decode(bytes, BgpCodecContext.INITIAL)).isEqualTo(open);
    }

    @Test
    void malformedCapabilityLengthIsAnOpenError() {
        // Capability 65 (4-octet AS) with 2 bytes instead of 4.
        byte[] bytes = TestMessages.message(1, HEX.parseHex("04fc00005ac000020106" + "02044102fc00"));

        assertThatThrownBy(() -> BgpMessageCodec.decode(bytes, BgpCodecContext.INITIAL))
                .isInstanceOfSatisfying(
                        BgpProtocolException.class, e -> assertThat(e.error()).isEqualTo(BgpError.OPEN_MESSAGE_ERROR));
    }

    @Test
    void negotiatedContextNeedsBothSidesForFourOctetAsAndFamilies() {
        BgpOpen ours = open(
                64512,
                90,
                LOCAL_ID,
                List.of(
                        new MultiprotocolCapability(AfiSafi.IPV4_UNICAST),
                        new MultiprotocolCapability(AfiSafi.IPV6_UNICAST),
                        new FourOctetAsCapability(64512)));
        BgpOpen old = open(64512, 90, PEER_ID, List.of());

        BgpCodecContext ctx = BgpCodecContext.negotiate(ours, old);

        assertThat(ctx.fourOctetAs()).isFalse();
        assertThat(ctx.families()).containsExactly(AfiSafi.IPV4_UNICAST);
        assertThat(ctx.external()).isFalse();
    }

    private static void assertError(BgpOpen open, OpenValidator.Expectations expected, BgpError error) {
        assertThatThrownBy(() -> OpenValidator.validate(open, expected))
                .isInstanceOfSatisfying(
                        BgpProtocolException.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
