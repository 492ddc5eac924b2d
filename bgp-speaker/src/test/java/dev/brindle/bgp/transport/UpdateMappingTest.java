package dev.brindle.bgp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.bgp.codec.BgpCodecContext;
import dev.brindle.bgp.codec.BgpMessageCodec;
import dev.brindle.bgp.codec.BgpUpdate;
import dev.brindle.bgp.codec.EndOfRib;
import dev.brindle.bgp.codec.attr.AsPath;
import dev.brindle.bgp.codec.attr.MpReachNlri;
import dev.brindle.bgp.codec.attr.MpUnreachNlri;
import dev.brindle.bgp.codec.attr.NextHop;
import dev.brindle.bgp.codec.attr.Origin;
import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateMappingTest {
    static final IpPrefix V6 = IpPrefix.parse("2001:db8:1::/64");
    static final IpPrefix V4 = IpPrefix.parse("10.244.1.0/26");
    static final InetAddress GLOBAL = IpAddresses.parse("2001:db8::1");
    static final InetAddress LINK_LOCAL = IpAddresses.parse("fe80::1");
    static final BgpCodecContext DUAL = BgpCodecContext.FOUR_OCTET_DUAL_STACK;

    /** Encodes and decodes as the wire would, with the given negotiated context. */
    static BgpUpdate wire(BgpUpdate u, BgpCodecContext ctx) {
        return (BgpUpdate) BgpMessageCodec.decode(BgpMessageCodec.encode(u, ctx), ctx);
    }

    @Test
    void anIpv6AnnouncementTravelsInMpReachWithA16ByteGlobalNextHopAndNoNextHopAttribute() {
        RouteUpdate out = RouteUpdate.announce(PathAttributes.originated(GLOBAL), List.of(V6));
        BgpUpdate msg = UpdateMapping.toUpdate(out);
        byte[] bytes = BgpMessageCodec.encode(msg, DUAL);

        assertThat(msg.nlri()).isEmpty();
        assertThat(msg.attribute(NextHop.class)).isEmpty();
        MpReachNlri reach = msg.attribute(MpReachNlri.class).orElseThrow();
        assertThat(reach.afiSafi()).isEqualTo(AfiSafi.IPV6_UNICAST);
        // AFI 2, SAFI 1, next hop length 16, the global address, reserved 0, then /64 and its 8 octets.
        assertThat(HexFormat.of().formatHex(bytes))
                .contains("00020110" + "20010db8000000000000000000000001" + "00" + "4020010db800010000");
        assertThat(UpdateMapping.fromUpdate(wire(msg, DUAL))).containsExactly(out);
    }

    @Test
    void anIpv6WithdrawalTravelsInMpUnreachAlone() {
        BgpUpdate msg = UpdateMapping.toUpdate(RouteUpdate.withdraw(List.of(V6)));
        assertThat(msg.attributes()).containsExactly(new MpUnreachNlri(AfiSafi.IPV6_UNICAST, List.of(V6)));
        assertThat(UpdateMapping.fromUpdate(wire(msg, DUAL))).containsExactly(RouteUpdate.withdraw(List.of(V6)));
    }

    @Test
    void ipv6EndOfRibIsAnEmptyMpUnreachAndComesBackAsTheIpv6Marker() {
        BgpUpdate msg = UpdateMapping.toUpdate(RouteUpdate.endOfRib(IpFamily.V6));
        assertThat(msg).isEqualTo(EndOfRib.of(AfiSafi.IPV6_UNICAST));
        List<RouteUpdate> back = UpdateMapping.fromUpdate(wire(msg, DUAL));
        assertThat(back).containsExactly(RouteUpdate.endOfRib(IpFamily.V6));
        assertThat(back.getFirst().isEndOfRib()).isTrue();
    }

    @Test
    void aGlobalPlusLinkLocalNextHopUsesTheGlobalAddress() {
        BgpUpdate msg = new BgpUpdate(
                List.of(),
                List.of(
                        new MpReachNlri(AfiSafi.IPV6_UNICAST, List.of(GLOBAL, LINK_LOCAL), List.of(V6)),
                        Origin.IGP,
                        AsPath.EMPTY),
                List.of());
        RouteUpdate in = UpdateMapping.fromUpdate(wire(msg, DUAL)).getFirst();
        assertThat(in.attributes().orElseThrow().nextHop()).isEqualTo(GLOBAL);
    }

    @Test
    void anUnspecifiedGlobalNextHopFallsBackToTheLinkLocalOne() {
        BgpUpdate msg = new BgpUpdate(
                List.of(),
                List.of(
                        new MpReachNlri(
                                AfiSafi.IPV6_UNICAST, List.of(IpAddresses.parse("::"), LINK_LOCAL), List.of(V6)),
                        Origin.IGP,
                        AsPath.EMPTY),
                List.of());
        RouteUpdate in = UpdateMapping.fromUpdate(msg).getFirst();
        assertThat(in.attributes().orElseThrow().nextHop()).isEqualTo(LINK_LOCAL);
    }

    @Test
    void oneWireUpdateWithBothFamiliesBecomesOneRouteUpdatePerFamily() {
        BgpUpdate msg = new BgpUpdate(
                List.of(),
                List.of(
                        new MpReachNlri(AfiSafi.IPV6_UNICAST, List.of(GLOBAL), List.of(V6)),
                        Origin.IGP,
                        AsPath.EMPTY,
                        new NextHop((Inet4Address) IpAddresses.parse("192.0.2.1"))),
                List.of(V4));
        List<RouteUpdate> in = UpdateMapping.fromUpdate(wire(msg, DUAL));
        assertThat(in).extracting(RouteUpdate::family).containsExactly(IpFamily.V4, IpFamily.V6);
        assertThat(in.get(0).attributes().orElseThrow().nextHop()).isEqualTo(IpAddresses.parse("192.0.2.1"));
        assertThat(in.get(1).attributes().orElseThrow().nextHop()).isEqualTo(GLOBAL);
    }

    @Test
    void ipv6IsNotParsedUnlessTheSessionNegotiatedIt() {
        BgpUpdate msg = UpdateMapping.toUpdate(RouteUpdate.announce(PathAttributes.originated(GLOBAL), List.of(V6)));
        BgpCodecContext v4Only = new BgpCodecContext(true, Set.of(AfiSafi.IPV4_UNICAST), false);
        assertThat(UpdateMapping.fromUpdate(wire(msg, v4Only))).isEmpty();
        BgpUpdate eor = EndOfRib.of(AfiSafi.IPV6_UNICAST);
        assertThat(UpdateMapping.fromUpdate(wire(eor, v4Only))).isEmpty();
    }

    @Test
    void ipv4StillUsesTheClassicFields() {
        RouteUpdate out = new RouteUpdate(
                List.of(IpPrefix.parse("10.244.2.0/26")),
                Optional.of(PathAttributes.originated(IpAddresses.parse("192.0.2.1"))),
                List.of(V4));
        BgpUpdate msg = UpdateMapping.toUpdate(out);
        assertThat(msg.nlri()).containsExactly(V4);
        assertThat(msg.attribute(MpReachNlri.class)).isEmpty();
        assertThat(UpdateMapping.fromUpdate(wire(msg, DUAL))).containsExactly(out);
        assertThat(UpdateMapping.fromUpdate(wire(UpdateMapping.toUpdate(RouteUpdate.endOfRib(IpFamily.V4)), DUAL)))
                .containsExactly(RouteUpdate.endOfRib(IpFamily.V4));
    }
}
