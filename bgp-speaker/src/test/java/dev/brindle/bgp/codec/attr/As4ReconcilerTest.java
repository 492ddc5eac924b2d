package dev.brindle.bgp.codec.attr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.bgp.codec.BgpCodecContext;
import dev.brindle.bgp.codec.BgpMessageCodec;
import dev.brindle.bgp.codec.BgpUpdate;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 4-octet AS numbers across OLD (2-octet) speakers, RFC 6793 §4.2. */
class As4ReconcilerTest {
    private static final BgpCodecContext OLD = new BgpCodecContext(false, Set.of(AfiSafi.IPV4_UNICAST), true);
    private static final Inet4Address ROUTER = (Inet4Address) IpAddresses.parse("192.0.2.7");

    @Test
    void rfc6793s4_2_2_oldSpeakerGetsAsTransInAsPathAndTheRealPathInAs4Path() {
        BgpUpdate update = new BgpUpdate(
                List.of(),
                List.of(Origin.IGP, AsPath.of(AsPathSegment.sequence(4_200_000_001L, 65001L)), new NextHop(ROUTER)),
                List.of(IpPrefix.parse("10.244.1.0/26")));

        String hex = HexFormat.of().formatHex(BgpMessageCodec.encode(update, OLD));

        // AS_PATH: sequence of 2: AS_TRANS (5ba0), 65001 (fde9).
        assertThat(hex).contains("400206" + "0202" + "5ba0" + "fde9");
        // AS4_PATH (17), optional transitive: sequence of 2: 4200000001, 65001.
        assertThat(hex).contains("c0110a" + "0202" + "fa56ea01" + "0000fde9");
    }

    @Test
    void rfc6793s4_1_newSpeakerGetsNoAs4Path() {
        BgpUpdate update = new BgpUpdate(
                List.of(),
                List.of(Origin.IGP, AsPath.of(AsPathSegment.sequence(4_200_000_001L)), new NextHop(ROUTER)),
                List.of(IpPrefix.parse("10.244.1.0/26")));

        String hex = HexFormat.of().formatHex(BgpMessageCodec.encode(update, BgpCodecContext.FOUR_OCTET_DUAL_STACK));

        assertThat(hex).doesNotContain("c011");
    }

    @Test
    void rfc6793s4_2_3_asesAnOldSpeakerPrependedAreKeptInFrontOfAs4Path() {
        // An OLD speaker (AS 65002) prepended itself to AS_PATH but could not touch AS4_PATH.
        AsPath asPath = AsPath.of(AsPathSegment.sequence(65002L, 23456L, 65001L));
        As4Path as4Path = new As4Path(List.of(AsPathSegment.sequence(4_200_000_001L, 65001L)));

        List<PathAttribute> merged = As4Reconciler.onReceive(List.of(asPath, as4Path), false);

        assertThat(merged).containsExactly(AsPath.of(AsPathSegment.sequence(65002L, 4_200_000_001L, 65001L)));
    }

    @Test
    void rfc6793s4_2_3_as4PathLongerThanAsPathIsIgnored() {
        AsPath asPath = AsPath.of(AsPathSegment.sequence(23456L));
        As4Path as4Path = new As4Path(List.of(AsPathSegment.sequence(4_200_000_001L, 65001L)));

        assertThat(As4Reconciler.onReceive(List.of(asPath, as4Path), false)).containsExactly(asPath);
    }

    @Test
    void rfc6793s4_2_3_aggregatorOtherThanAsTransMeansAs4AttributesAreIgnored() {
        AsPath asPath = AsPath.of(AsPathSegment.sequence(23456L));
        Aggregator aggregator = new Aggregator(65010, ROUTER);
        List<PathAttribute> received = List.of(
                asPath,
                aggregator,
                new As4Path(List.of(AsPathSegment.sequence(4_200_000_001L))),
                new As4Aggregator(4_200_000_002L, ROUTER));

        assertThat(As4Reconciler.onReceive(received, false)).containsExactly(asPath, aggregator);
    }

    @Test
    void rfc6793s4_2_3_as4AggregatorReplacesAsTransAggregator() {
        List<PathAttribute> received =
                List.of(new Aggregator(23456, ROUTER), new As4Aggregator(4_200_000_002L, ROUTER));

        assertThat(As4Reconciler.onReceive(received, false)).containsExactly(new Aggregator(4_200_000_002L, ROUTER));
    }

    @Test
    void rfc6793s4_1_as4AttributesFromANewSpeakerAreDiscarded() {
        AsPath asPath = AsPath.of(AsPathSegment.sequence(4_200_000_001L));
        List<PathAttribute> received = List.of(asPath, new As4Path(List.of(AsPathSegment.sequence(1L))));

        assertThat(As4Reconciler.onReceive(received, true)).containsExactly(asPath);
    }

    @Test
    void pathLengthCountsASetAsOneAndConfederationsAsNone() {
        AsPath path = AsPath.of(
                new AsPathSegment(AsPathSegment.Type.AS_CONFED_SEQUENCE, List.of(65100L, 65101L)),
                AsPathSegment.sequence(1L, 2L),
                AsPathSegment.set(3L, 4L, 5L));

        assertThat(path.pathLength()).isEqualTo(3);
    }

    @Test
    void prependOpensANewSequenceBeforeASet() {
        AsPath path = AsPath.of(AsPathSegment.set(3L, 4L)).prepend(64512);

        assertThat(path).isEqualTo(AsPath.of(AsPathSegment.sequence(64512L), AsPathSegment.set(3L, 4L)));
        assertThat(path.prepend(64513).firstAs()).contains(64513L);
    }
}
