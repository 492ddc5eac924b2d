package dev.brindle.bgp.speaker;

import static dev.brindle.bgp.speaker.ExchangeHarness.DUAL;
import static dev.brindle.bgp.speaker.ExchangeHarness.ME;
import static dev.brindle.bgp.speaker.ExchangeHarness.announce;
import static dev.brindle.bgp.speaker.ExchangeHarness.gr;
import static dev.brindle.bgp.speaker.ExchangeHarness.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.DownCause;
import dev.brindle.bgp.session.GracefulRestartCapability;
import dev.brindle.bgp.session.RecordingConnection;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DualStackExchangeTest {
    static final IpPrefix OURS_V6 = IpPrefix.parse("2001:db8:7::/64");
    static final IpPrefix OURS_V4 = IpPrefix.parse("10.244.7.0/26");
    static final InetAddress ME_V6 = ip("2001:db8::100");

    final ExchangeHarness h = new ExchangeHarness(SpeakerConfig.of(64512, ME).withSelectionDeferral(0));

    static RouteUpdate sentFor(RecordingConnection c, IpPrefix prefix) {
        return c.updates.stream()
                .filter(u -> u.announced().contains(prefix))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void overAnIpv6SessionIpv6GoesWithOurSessionAddressAndIpv4WithTheRouterIdThenOneEndOfRibPerFamily() {
        h.exchange.announce(OURS_V6, Optional.empty());
        h.exchange.announce(OURS_V4, Optional.empty());
        RecordingConnection c = h.establish(h.peer("2001:db8::1"), ME_V6, DUAL, false, gr(false));
        assertThat(c.sent).containsExactlyInAnyOrder("UPDATE", "UPDATE V6", "END-OF-RIB", "END-OF-RIB V6");
        assertThat(c.sent.subList(2, 4)).containsExactly("END-OF-RIB", "END-OF-RIB V6");
        assertThat(sentFor(c, OURS_V6).attributes().orElseThrow().nextHop()).isEqualTo(ME_V6);
        assertThat(sentFor(c, OURS_V4).attributes().orElseThrow().nextHop()).isEqualTo(ME);
    }

    @Test
    void overAnIpv4SessionIpv6GetsTheIpv4MappedNextHop() {
        h.exchange.announce(OURS_V6, Optional.empty());
        RecordingConnection c = h.establish(h.peer("192.0.2.1"), ME, DUAL, false, gr(false));
        InetAddress hop = sentFor(c, OURS_V6).attributes().orElseThrow().nextHop();
        assertThat(IpFamily.of(hop)).isEqualTo(IpFamily.V6);
        assertThat(hop.getHostAddress()).isEqualTo("0:0:0:0:0:ffff:c000:264");
    }

    @Test
    void anExplicitIpv6NextHopIsSentAsGiven() {
        RecordingConnection c = h.establish(h.peer("192.0.2.1"), ME, DUAL, false, gr(false));
        h.exchange.announce(OURS_V6, Optional.of(ip("2001:db8::55")));
        assertThat(c.updates.getLast().attributes().orElseThrow().nextHop()).isEqualTo(ip("2001:db8::55"));
    }

    @Test
    void aPeerThatDidNotNegotiateIpv6GetsNoIpv6RouteAndNoIpv6EndOfRib() {
        h.exchange.announce(OURS_V6, Optional.empty());
        h.exchange.announce(OURS_V4, Optional.empty());
        RecordingConnection c = h.establish(h.peer("192.0.2.1"), ME, Set.of(IpFamily.V4), false, gr(false));
        assertThat(c.sent).containsExactly("UPDATE", "END-OF-RIB");
        h.exchange.withdraw(OURS_V6);
        h.exchange.announce(IpPrefix.parse("2001:db8:8::/64"), Optional.empty());
        assertThat(c.sent).containsExactly("UPDATE", "END-OF-RIB");
    }

    @Test
    void learnedIpv6RoutesAreReportedWithTheirIpv6NextHopAndWithdrawn() {
        PeerContext a = h.peer("2001:db8::1");
        h.establish(a, ME_V6, DUAL, false, gr(false));
        h.exchange.updateReceived(a, announce("2001:db8::1", "2001:db8:1::/64"));
        h.exchange.updateReceived(a, RouteUpdate.withdraw(java.util.List.of(IpPrefix.parse("2001:db8:1::/64"))));
        assertThat(h.events)
                .containsExactly(
                        "ADD 2001:db8:1::/64 via 2001:db8::1 from 2001:db8::1",
                        "WITHDRAW 2001:db8:1::/64 via 2001:db8::1 from 2001:db8::1");
    }

    @Test
    void thePeersInitialDumpIsCompleteOnlyWithTheEndOfRibOfEveryNegotiatedFamily() {
        PeerContext a = h.peer("192.0.2.1");
        h.establish(a, ME, DUAL, false, gr(false));
        h.exchange.updateReceived(a, RouteUpdate.endOfRib(IpFamily.V4));
        assertThat(a.endOfRibReceived()).isFalse();
        h.exchange.updateReceived(a, RouteUpdate.endOfRib(IpFamily.V6));
        assertThat(a.endOfRibReceived()).isTrue();
    }

    @Test
    void gracefulRestartKeepsOnlyTheFamiliesThePeerListed() {
        PeerContext a = h.peer("192.0.2.1");
        Optional<GracefulRestartCapability> v4Only =
                Optional.of(new GracefulRestartCapability(120, false, Map.of(IpFamily.V4, true)));
        h.establish(a, ME, DUAL, false, v4Only);
        h.exchange.updateReceived(a, announce("192.0.2.1", "10.244.1.0/26"));
        h.exchange.updateReceived(a, announce("2001:db8::1", "2001:db8:1::/64"));
        h.exchange.down(a, DownCause.CONNECTION_LOST);
        assertThat(h.exchange
                        .best(IpPrefix.parse("10.244.1.0/26"))
                        .orElseThrow()
                        .stale())
                .isTrue();
        assertThat(h.exchange.best(IpPrefix.parse("2001:db8:1::/64"))).isEmpty();
        assertThat(h.events).last().isEqualTo("WITHDRAW 2001:db8:1::/64 via 2001:db8::1 from 192.0.2.1");
    }
}
