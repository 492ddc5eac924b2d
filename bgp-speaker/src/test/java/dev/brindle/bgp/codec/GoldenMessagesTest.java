package dev.brindle.bgp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.codec.attr.AsPath;
import dev.brindle.bgp.codec.attr.LocalPref;
import dev.brindle.bgp.codec.attr.Med;
import dev.brindle.bgp.codec.attr.MpReachNlri;
import dev.brindle.bgp.codec.attr.MpUnreachNlri;
import dev.brindle.bgp.codec.attr.NextHop;
import dev.brindle.bgp.codec.attr.Origin;
import dev.brindle.bgp.codec.capability.EnhancedRouteRefreshCapability;
import dev.brindle.bgp.codec.capability.FourOctetAsCapability;
import dev.brindle.bgp.codec.capability.GracefulRestartCapability;
import dev.brindle.bgp.codec.capability.MultiprotocolCapability;
import dev.brindle.bgp.codec.capability.RouteRefreshCapability;
import dev.brindle.bgp.codec.capability.UnknownCapability;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages captured from BIRD 2, BIRD 1.6, GoBGP and FRR in the interop lab: each parses, and re-serializes to the
 * same bytes where the sender's encoding is the canonical one.
 */
class GoldenMessagesTest {
    /** All four daemons announce capability 65 and IPv4 unicast, so their sessions run 4-octet iBGP. */
    private static final BgpCodecContext LAB = new BgpCodecContext(true, Set.of(AfiSafi.IPV4_UNICAST), false);

    /** The dual-stack captures add IPv6 unicast. */
    private static final BgpCodecContext DUAL_STACK = BgpCodecContext.FOUR_OCTET_DUAL_STACK;

    /**
     * Legal encodings that are not the minimal one we write: FRR puts each capability in its own optional parameter
     * and sets Extended Length on its empty AS_PATH; BIRD sets Extended Length on its short MP_REACH/MP_UNREACH.
     */
    private static final Set<String> NOT_CANONICAL = Set.of(
            "frr #0 OPEN to bird2",
            "frr #2 UPDATE to bird2",
            "bird2-v6 #4 UPDATE to gobgp-v6",
            "bird2-v6 #6 UPDATE to gobgp-v6");

    static Stream<GoldenFile> captured() {
        return Stream.of("bird2", "bird1", "gobgp", "frr", "bird2-v6", "gobgp-v6")
                .flatMap(s -> GoldenFile.load(s).stream());
    }

    private static BgpCodecContext contextOf(GoldenFile golden) {
        return golden.sender().endsWith("-v6") ? DUAL_STACK : LAB;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void parsesAsItsTypeAndReserializesCanonicalEncodingsByteForByte(GoldenFile golden) {
        BgpCodecContext ctx = contextOf(golden);
        BgpMessage message = BgpMessageCodec.decode(golden.bytes(), ctx);

        assertThat(message.type().name()).isEqualTo(golden.type());
        byte[] again = BgpMessageCodec.encode(message, ctx);
        if (NOT_CANONICAL.contains(golden.toString())) {
            assertThat(again).isNotEqualTo(golden.bytes());
            assertThat(BgpMessageCodec.decode(again, ctx)).isEqualTo(message);
        } else {
            assertThat(again).isEqualTo(golden.bytes());
        }
    }

    @Test
    void bird2OpenAnnouncesItsCapabilities() {
        BgpOpen open = (BgpOpen) decodeFirst("bird2", "OPEN");

        assertThat(open.myAs()).isEqualTo(64512);
        assertThat(open.holdTime()).isEqualTo(90);
        assertThat(open.bgpIdentifier()).isEqualTo(IpAddresses.parse("192.0.2.1"));
        assertThat(open.capabilities())
                .contains(
                        new MultiprotocolCapability(AfiSafi.IPV4_UNICAST),
                        new RouteRefreshCapability(),
                        new FourOctetAsCapability(64512),
                        new EnhancedRouteRefreshCapability());
        assertThat(open.capability(GracefulRestartCapability.class))
                .hasValueSatisfying(gr -> assertThat(gr.restartTimeSeconds()).isEqualTo(120));
        // ADD-PATH (69) and long-lived GR (71) are kept verbatim, not understood.
        assertThat(open.capabilities())
                .filteredOn(c -> c instanceof UnknownCapability)
                .extracting(c -> c.code())
                .containsExactly(69, 71);
    }

    @Test
    void gobgpUpdateCarriesItsBlockWithIncompleteOrigin() {
        BgpUpdate update = (BgpUpdate) decodeFirst("gobgp", "UPDATE");

        assertThat(update.nlri()).containsExactly(IpPrefix.parse("10.244.2.0/26"));
        assertThat(update.attributes())
                .containsExactly(Origin.INCOMPLETE, AsPath.EMPTY, new NextHop(ipv4("192.0.2.2")), new LocalPref(100));
    }

    @Test
    void frrUpdateCarriesMedZero() {
        BgpUpdate update = (BgpUpdate) decodeFirst("frr", "UPDATE");

        assertThat(update.attribute(Med.class)).contains(new Med(0));
        assertThat(update.nlri()).containsExactly(IpPrefix.parse("10.244.3.0/26"));
    }

    @Test
    void bird2AnnouncesIpv6InMpReachWithItsNextHop() {
        BgpUpdate update = (BgpUpdate) decode(GoldenFile.load("bird2-v6").get(4));

        assertThat(update.attributes().getFirst())
                .isEqualTo(new MpReachNlri(
                        AfiSafi.IPV6_UNICAST,
                        List.of(IpAddresses.parse("2001:db8:ff::1")),
                        List.of(IpPrefix.parse("2001:db8:a::/48"), IpPrefix.parse("2001:db8:a:1::/64"))));
        assertThat(update.nlri()).isEmpty();
    }

    @Test
    void bird2SendsIpv6EndOfRibAsEmptyMpUnreach() {
        BgpUpdate update = (BgpUpdate) decode(GoldenFile.load("bird2-v6").get(5));

        assertThat(EndOfRib.family(update)).contains(AfiSafi.IPV6_UNICAST);
        assertThat(EndOfRib.of(AfiSafi.IPV6_UNICAST)).isEqualTo(update);
    }

    @Test
    void gobgpWithdrawsIpv6InMpUnreach() {
        BgpUpdate update = (BgpUpdate) decode(GoldenFile.load("gobgp-v6").get(4));

        assertThat(update.attributes())
                .containsExactly(new MpUnreachNlri(AfiSafi.IPV6_UNICAST, List.of(IpPrefix.parse("2001:db8:b::/48"))));
    }

    @Test
    void emptyUpdateFromEveryDaemonIsIpv4EndOfRib() {
        List<BgpUpdate> endOfRibs = captured()
                .filter(g -> g.bytes().length == 23 && g.type().equals("UPDATE"))
                .map(g -> (BgpUpdate) decode(g))
                .toList();

        assertThat(endOfRibs).hasSize(5);
        assertThat(endOfRibs).allSatisfy(u -> assertThat(EndOfRib.family(u)).contains(AfiSafi.IPV4_UNICAST));
    }

    @Test
    void bird2AdministrativeShutdownCarriesItsShutdownCommunication() {
        BgpNotification n = (BgpNotification) decodeFirst("bird2", "NOTIFICATION");

        assertThat(n.error()).contains(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN);
        assertThat(n.shutdownCommunication()).contains("maintenance: brindle codec capture");
    }

    @Test
    void bird2EnhancedRouteRefreshSendsBeginAndEndMarkers() {
        List<BgpRouteRefresh> refreshes = GoldenFile.load("bird2").stream()
                .filter(g -> g.type().equals("ROUTE_REFRESH"))
                .map(g -> (BgpRouteRefresh) BgpMessageCodec.decode(g.bytes(), LAB))
                .toList();

        assertThat(refreshes)
                .containsExactly(
                        BgpRouteRefresh.request(AfiSafi.IPV4_UNICAST),
                        new BgpRouteRefresh(AfiSafi.IPV4_UNICAST, BgpRouteRefresh.BEGIN_OF_ROUTE_REFRESH),
                        new BgpRouteRefresh(AfiSafi.IPV4_UNICAST, BgpRouteRefresh.END_OF_ROUTE_REFRESH));
    }

    @Test
    void frrAdministrativeResetHasNoShutdownText() {
        BgpNotification n = (BgpNotification) decodeFirst("frr", "NOTIFICATION");

        assertThat(n.error()).contains(BgpError.CEASE_ADMINISTRATIVE_RESET);
        assertThat(n.shutdownCommunication()).isEmpty();
    }

    private static BgpMessage decode(GoldenFile golden) {
        return BgpMessageCodec.decode(golden.bytes(), contextOf(golden));
    }

    private static BgpMessage decodeFirst(String sender, String type) {
        GoldenFile golden = GoldenFile.load(sender).stream()
                .filter(g -> g.type().equals(type))
                .findFirst()
                .orElseThrow();
        return BgpMessageCodec.decode(golden.bytes(), LAB);
    }

    static java.net.Inet4Address ipv4(String text) {
        return (java.net.Inet4Address) IpAddresses.parse(text);
    }
}
