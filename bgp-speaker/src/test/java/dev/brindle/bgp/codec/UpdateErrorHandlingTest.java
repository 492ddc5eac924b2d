package dev.brindle.bgp.codec;

import static dev.brindle.bgp.codec.TestMessages.BLOCK;
import static dev.brindle.bgp.codec.TestMessages.attr;
import static dev.brindle.bgp.codec.TestMessages.update;
import static dev.brindle.bgp.codec.attr.UpdateErrorAction.ATTRIBUTE_DISCARD;
import static dev.brindle.bgp.codec.attr.UpdateErrorAction.NONE;
import static dev.brindle.bgp.codec.attr.UpdateErrorAction.TREAT_AS_WITHDRAW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.brindle.bgp.codec.attr.Aggregator;
import dev.brindle.bgp.codec.attr.AtomicAggregate;
import dev.brindle.bgp.codec.attr.Communities;
import dev.brindle.bgp.codec.attr.LocalPref;
import dev.brindle.bgp.codec.attr.Malformation;
import dev.brindle.bgp.codec.attr.MpUnreachNlri;
import dev.brindle.bgp.codec.attr.OriginatorId;
import dev.brindle.bgp.codec.attr.UnknownAttribute;
import dev.brindle.bgp.codec.attr.UpdateErrorAction;
import dev.brindle.core.IpPrefix;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Malformed UPDATEs on the wire, each handled by the RFC 7606 rule its name cites. */
class UpdateErrorHandlingTest {
    private static final BgpCodecContext IBGP = BgpCodecContext.FOUR_OCTET_DUAL_STACK;
    private static final BgpCodecContext EBGP =
            new BgpCodecContext(true, Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), true);
    private static final IpPrefix BLOCK_PREFIX = IpPrefix.parse("10.244.1.0/26");
    private static final String ORIGIN = attr(0x40, 1, "00");
    private static final String AS_PATH = attr(0x40, 2, "");
    private static final String NEXT_HOP = attr(0x40, 3, "c0000201");
    /** MP_REACH_NLRI IPv6 unicast, next hop 2001:db8::1, NLRI 2001:db8:1::/48. */
    private static final String MP_REACH_V6 =
            attr(0x80, 14, "00020110" + "20010db8000000000000000000000001" + "00" + "3020010db80001");

    @Test
    void rfc7606s7_1_undefinedOriginIsTreatAsWithdraw() {
        assertWithdrawn(attr(0x40, 1, "03") + AS_PATH + NEXT_HOP, 1, Malformation.VALUE);
    }

    @Test
    void rfc7606s7_1_originOfWrongLengthIsTreatAsWithdraw() {
        assertWithdrawn(attr(0x40, 1, "0000") + AS_PATH + NEXT_HOP, 1, Malformation.LENGTH);
    }

    @Test
    void rfc7606s3c_originWithOptionalFlagIsTreatAsWithdraw() {
        assertWithdrawn(attr(0xc0, 1, "00") + AS_PATH + NEXT_HOP, 1, Malformation.FLAGS);
    }

    @Test
    void rfc7606s7_2_asPathSegmentOverrunIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + attr(0x40, 2, "0203" + "0000fde8") + NEXT_HOP, 2, Malformation.LENGTH);
    }

    @Test
    void rfc7606s7_2_undefinedSegmentTypeIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + attr(0x40, 2, "0901" + "0000fde8") + NEXT_HOP, 2, Malformation.VALUE);
    }

    @Test
    void rfc7606s7_2_emptySegmentIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + attr(0x40, 2, "0200") + NEXT_HOP, 2, Malformation.VALUE);
    }

    @Test
    void rfc7607_asZeroInAsPathIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + attr(0x40, 2, "0201" + "00000000") + NEXT_HOP, 2, Malformation.VALUE);
    }

    @Test
    void rfc7606s7_2_confederationSegmentFromExternalPeerIsTreatAsWithdraw() {
        byte[] bytes = update("", ORIGIN + attr(0x40, 2, "0301" + "0000fde8") + NEXT_HOP, BLOCK);

        assertThat(decode(bytes, EBGP).action()).isEqualTo(TREAT_AS_WITHDRAW);
        assertThat(decode(bytes, IBGP).action()).isEqualTo(NONE);
    }

    @Test
    void rfc7606s7_3_nextHopOfWrongLengthIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + AS_PATH + attr(0x40, 3, "c000020100"), 3, Malformation.LENGTH);
    }

    @Test
    void rfc7606s7_4_medOfWrongLengthIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + AS_PATH + NEXT_HOP + attr(0x80, 4, "000000"), 4, Malformation.LENGTH);
    }

    @Test
    void rfc7606s3c_medMarkedWellKnownIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + AS_PATH + NEXT_HOP + attr(0x40, 4, "00000000"), 4, Malformation.FLAGS);
    }

    @Test
    void rfc7606s7_5_localPrefOfWrongLengthIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + AS_PATH + NEXT_HOP + attr(0x40, 5, "0064"), 5, Malformation.LENGTH);
    }

    @Test
    void rfc7606s7_5_localPrefFromExternalPeerIsDiscarded() {
        byte[] bytes = update("", ORIGIN + AS_PATH + NEXT_HOP + attr(0x40, 5, "00000064"), BLOCK);

        UpdateDecodeResult r = decode(bytes, EBGP);

        assertThat(r.action()).isEqualTo(ATTRIBUTE_DISCARD);
        assertThat(r.effective().attribute(LocalPref.class)).isEmpty();
        assertThat(r.effective().nlri()).containsExactly(BLOCK_PREFIX);
    }

    @Test
    void rfc7606s7_6_atomicAggregateWithAValueIsDiscarded() {
        UpdateDecodeResult r = assertDiscarded(ORIGIN + AS_PATH + NEXT_HOP + attr(0x40, 6, "01"), 6);

        assertThat(r.effective().attribute(AtomicAggregate.class)).isEmpty();
    }

    @Test
    void rfc7606s7_6_atomicAggregateWithWrongFlagsIsDiscarded() {
        assertDiscarded(ORIGIN + AS_PATH + NEXT_HOP + attr(0xc0, 6, ""), 6);
    }

    @Test
    void rfc7606s7_7_aggregatorOfWrongLengthIsDiscarded() {
        UpdateDecodeResult r = assertDiscarded(ORIGIN + AS_PATH + NEXT_HOP + attr(0xc0, 7, "fde8c00002"), 7);

        assertThat(r.effective().attribute(Aggregator.class)).isEmpty();
    }

    @Test
    void rfc7606s7_8_communitiesNotAMultipleOf4IsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + AS_PATH + NEXT_HOP + attr(0xc0, 8, "fde80001ff"), 8, Malformation.LENGTH);
    }

    @Test
    void rfc7606s7_9_originatorIdOfWrongLengthIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + AS_PATH + NEXT_HOP + attr(0x80, 9, "c00002"), 9, Malformation.LENGTH);
    }

    @Test
    void rfc7606s7_9_originatorIdFromExternalPeerIsDiscarded() {
        byte[] bytes = update("", ORIGIN + AS_PATH + NEXT_HOP + attr(0x80, 9, "c0000201"), BLOCK);

        UpdateDecodeResult r = decode(bytes, EBGP);

        assertThat(r.action()).isEqualTo(ATTRIBUTE_DISCARD);
        assertThat(r.effective().attribute(OriginatorId.class)).isEmpty();
    }

    @Test
    void rfc7606s7_10_emptyClusterListIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + AS_PATH + NEXT_HOP + attr(0x80, 10, ""), 10, Malformation.LENGTH);
    }

    @Test
    void rfc7606s3g_repeatedAttributeKeepsTheFirst() {
        String attributes = ORIGIN + AS_PATH + NEXT_HOP + attr(0xc0, 8, "fde80001") + attr(0xc0, 8, "fde80002");

        UpdateDecodeResult r = assertDiscarded(attributes, 8);

        assertThat(r.effective().attribute(Communities.class)).contains(new Communities(List.of(0xfde80001L)));
    }

    @Test
    void rfc7606s3g_repeatedMpReachResetsWithMalformedAttributeList() {
        String attributes = ORIGIN + AS_PATH + MP_REACH_V6 + MP_REACH_V6;

        BgpProtocolException e = reset(update("", attributes, ""));

        assertThat(e.error()).isEqualTo(BgpError.MALFORMED_ATTRIBUTE_LIST);
        assertThat(e.data()).isEqualTo(Octets.fromHex(MP_REACH_V6));
    }

    @Test
    void rfc7606s7_11_mpReachNextHopLengthNotFittingTheFamilyResets() {
        String bad = attr(0x80, 14, "00020105" + "0102030405" + "00" + "3020010db80001");

        assertThat(reset(update("", ORIGIN + AS_PATH + bad, "")).error()).isEqualTo(BgpError.OPTIONAL_ATTRIBUTE_ERROR);
    }

    @Test
    void rfc7606s5_3_mpReachPrefixLongerThan128BitsResets() {
        String bad = attr(0x80, 14, "00020110" + "20010db8000000000000000000000001" + "00" + "81" + "ff".repeat(17));

        assertThat(reset(update("", ORIGIN + AS_PATH + bad, "")).error()).isEqualTo(BgpError.OPTIONAL_ATTRIBUTE_ERROR);
    }

    @Test
    void rfc7606s4_mpReachRunningPastTheAttributesResets() {
        String overrun = "800e20" + "00020110";

        assertThat(reset(update("", ORIGIN + AS_PATH + overrun, "")).error())
                .isEqualTo(BgpError.MALFORMED_ATTRIBUTE_LIST);
    }

    @Test
    void rfc7606s3d_missingOriginWithNlriIsTreatAsWithdraw() {
        assertWithdrawn(AS_PATH + NEXT_HOP, 1, Malformation.MISSING);
    }

    @Test
    void rfc7606s3d_missingNextHopWithBodyNlriIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + AS_PATH, 3, Malformation.MISSING);
    }

    @Test
    void rfc4760s3_nextHopIsNotNeededForMpReachAlone() {
        UpdateDecodeResult r = decode(update("", ORIGIN + AS_PATH + MP_REACH_V6, ""), IBGP);

        assertThat(r.action()).isEqualTo(NONE);
    }

    @Test
    void rfc7606s3d_withdrawalsNeedNoAttributes() {
        UpdateDecodeResult r = decode(update(BLOCK, "", ""), IBGP);

        assertThat(r.action()).isEqualTo(NONE);
        assertThat(r.effective().withdrawn()).containsExactly(BLOCK_PREFIX);
    }

    @Test
    void rfc7606s4_attributeRunningPastTheAttributesIsTreatAsWithdraw() {
        String overrun = "c00808" + "fde80001";

        assertWithdrawn(ORIGIN + AS_PATH + NEXT_HOP + overrun, 8, Malformation.ATTRIBUTE_OVERRUN);
    }

    @Test
    void rfc7606s4_truncatedAttributeHeaderIsTreatAsWithdraw() {
        assertWithdrawn(ORIGIN + AS_PATH + NEXT_HOP + "c0", 0, Malformation.ATTRIBUTE_OVERRUN);
    }

    @Test
    void rfc7606s4_withdrawnRoutesLengthBeyondTheMessageResets() {
        byte[] bytes = TestMessages.message(2, TestMessages.HEX.parseHex("00200000"));

        assertThat(reset(bytes).error()).isEqualTo(BgpError.MALFORMED_ATTRIBUTE_LIST);
    }

    @Test
    void rfc7606s4_totalAttributeLengthBeyondTheMessageResets() {
        byte[] bytes = TestMessages.message(2, TestMessages.HEX.parseHex("0000" + "0010" + "400101"));

        assertThat(reset(bytes).error()).isEqualTo(BgpError.MALFORMED_ATTRIBUTE_LIST);
    }

    @Test
    void rfc7606s5_3_nlriPrefixLongerThan32BitsResetsWithInvalidNetworkField() {
        byte[] bytes = update("", ORIGIN + AS_PATH + NEXT_HOP, "21" + "0af4010000");

        assertThat(reset(bytes).error()).isEqualTo(BgpError.INVALID_NETWORK_FIELD);
    }

    @Test
    void rfc7606s5_3_withdrawnPrefixRunningPastItsFieldResets() {
        byte[] bytes = update("1a0af4", "", "");

        assertThat(reset(bytes).error()).isEqualTo(BgpError.INVALID_NETWORK_FIELD);
    }

    @Test
    void rfc4271s6_3_unrecognizedWellKnownAttributeResets() {
        byte[] bytes = update("", ORIGIN + AS_PATH + NEXT_HOP + attr(0x40, 40, "00"), BLOCK);

        BgpProtocolException e = reset(bytes);

        assertThat(e.error()).isEqualTo(BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE);
        assertThat(e.data()).isEqualTo(Octets.fromHex(attr(0x40, 40, "00")));
    }

    @Test
    void rfc4271s5_unknownOptionalTransitiveAttributeIsKeptAndForwardedWithPartial() {
        byte[] bytes =
                update("", ORIGIN + AS_PATH + NEXT_HOP + attr(0xc0, 32, "0000fde8" + "00000001" + "00000002"), BLOCK);

        UnknownAttribute large = decode(bytes, IBGP)
                .effective()
                .attribute(UnknownAttribute.class)
                .orElseThrow();

        assertThat(large.partial()).isFalse();
        assertThat(large.forwarded().partial()).isTrue();
        assertThat(large.forwarded().flags()).isEqualTo(0xe0);
    }

    @Test
    void rfc4760s7_mpReachOfAFamilyNotNegotiatedIsIgnored() {
        BgpCodecContext ipv4Only = new BgpCodecContext(true, Set.of(AfiSafi.IPV4_UNICAST), false);

        UpdateDecodeResult r = decode(update("", ORIGIN + AS_PATH + MP_REACH_V6, ""), ipv4Only);

        assertThat(r.action()).isEqualTo(NONE);
        assertThat(r.effective().attribute(UnknownAttribute.class))
                .hasValueSatisfying(u -> assertThat(u.typeCode()).isEqualTo(14));
    }

    @Test
    void rfc7606s3j_strongestOfSeveralErrorsApplies() {
        String attributes = attr(0x40, 1, "05") + AS_PATH + NEXT_HOP + attr(0x40, 6, "01");

        UpdateDecodeResult r = decode(update("", attributes, BLOCK), IBGP);

        assertThat(r.problems()).hasSize(2);
        assertThat(r.action()).isEqualTo(TREAT_AS_WITHDRAW);
    }

    @Test
    void rfc6793s6_malformedAs4PathIsDiscarded() {
        BgpCodecContext old = new BgpCodecContext(false, Set.of(AfiSafi.IPV4_UNICAST), false);
        byte[] bytes = update("", ORIGIN + attr(0x40, 2, "0201fde8") + NEXT_HOP + attr(0xc0, 17, "0202000000"), BLOCK);

        UpdateDecodeResult r = decode(bytes, old);

        assertThat(r.action()).isEqualTo(ATTRIBUTE_DISCARD);
        assertThat(r.effective().nlri()).containsExactly(BLOCK_PREFIX);
    }

    @Test
    void rfc7606s2_treatAsWithdrawAlsoWithdrawsMpReachPrefixes() {
        String attributes = attr(0x40, 1, "09") + AS_PATH + NEXT_HOP + MP_REACH_V6;

        BgpUpdate effective = decode(update("", attributes, BLOCK), IBGP).effective();

        assertThat(effective.withdrawn()).containsExactly(BLOCK_PREFIX);
        assertThat(effective.attributes())
                .containsExactly(new MpUnreachNlri(AfiSafi.IPV6_UNICAST, List.of(IpPrefix.parse("2001:db8:1::/48"))));
        assertThat(effective.isEndOfRib()).isFalse();
    }

    private static void assertWithdrawn(String attributes, int typeCode, Malformation kind) {
        UpdateDecodeResult r = decode(update("", attributes, BLOCK), IBGP);

        assertThat(r.action()).isEqualTo(TREAT_AS_WITHDRAW);
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.typeCode()).isEqualTo(typeCode);
            assertThat(p.kind()).isEqualTo(kind);
        });
        assertThat(r.effective().withdrawn()).containsExactly(BLOCK_PREFIX);
        assertThat(r.effective().nlri()).isEmpty();
        assertThat(r.effective().attributes()).isEmpty();
    }

    private static UpdateDecodeResult assertDiscarded(String attributes, int typeCode) {
        UpdateDecodeResult r = decode(update("", attributes, BLOCK), IBGP);

        assertThat(r.action()).isEqualTo(UpdateErrorAction.ATTRIBUTE_DISCARD);
        assertThat(r.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.typeCode()).isEqualTo(typeCode));
        assertThat(r.effective().nlri()).containsExactly(BLOCK_PREFIX);
        return r;
    }

    private static UpdateDecodeResult decode(byte[] bytes, BgpCodecContext ctx) {
        return BgpMessageCodec.decodeUpdate(Unpooled.wrappedBuffer(bytes), ctx);
    }

    private static BgpProtocolException reset(byte[] bytes) {
        return catchThrowableOfType(BgpProtocolException.class, () -> decode(bytes, IBGP));
    }
}
