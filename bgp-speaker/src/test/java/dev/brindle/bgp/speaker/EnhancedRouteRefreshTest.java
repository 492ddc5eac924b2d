package dev.brindle.bgp.speaker;

import static dev.brindle.bgp.speaker.ExchangeHarness.DUAL;
import static dev.brindle.bgp.speaker.ExchangeHarness.ME;
import static dev.brindle.bgp.speaker.ExchangeHarness.announce;
import static dev.brindle.bgp.speaker.ExchangeHarness.gr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.session.RecordingConnection;
import dev.brindle.bgp.session.RouteRefresh;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnhancedRouteRefreshTest {
    static final IpPrefix OURS = IpPrefix.parse("10.244.7.0/26");

    final ExchangeHarness h = new ExchangeHarness(SpeakerConfig.of(64512, ME).withSelectionDeferral(0));

    @Test
    void aRefreshRequestIsAnsweredBetweenBeginAndEndOfRibWhenBothSidesAnnouncedEnhancedRefresh() {
        h.exchange.announce(OURS, Optional.empty());
        PeerContext a = h.peer("192.0.2.1");
        RecordingConnection c = h.establish(a, ME, DUAL, true, gr(false));
        c.sent.clear();
        h.exchange.routeRefreshReceived(a, IpFamily.V4, RouteRefresh.REQUEST);
        assertThat(c.sent).containsExactly("ROUTE-REFRESH BEGIN V4", "UPDATE", "ROUTE-REFRESH END V4");
        assertThat(c.updates.getLast().announced()).containsExactly(OURS);
    }

    @Test
    void withoutEnhancedRefreshTheAnswerIsJustTheRoutes() {
        h.exchange.announce(OURS, Optional.empty());
        PeerContext a = h.peer("192.0.2.1");
        RecordingConnection c = h.establish(a, ME, DUAL, false, gr(false));
        c.sent.clear();
        h.exchange.routeRefreshReceived(a, IpFamily.V4, RouteRefresh.REQUEST);
        assertThat(c.sent).containsExactly("UPDATE");
    }

    @Test
    void aRefreshOfOneFamilyResendsOnlyThatFamily() {
        h.exchange.announce(OURS, Optional.empty());
        h.exchange.announce(IpPrefix.parse("2001:db8:7::/64"), Optional.empty());
        PeerContext a = h.peer("192.0.2.1");
        RecordingConnection c = h.establish(a, ME, DUAL, true, gr(false));
        c.sent.clear();
        h.exchange.routeRefreshReceived(a, IpFamily.V6, RouteRefresh.REQUEST);
        assertThat(c.sent).containsExactly("ROUTE-REFRESH BEGIN V6", "UPDATE V6", "ROUTE-REFRESH END V6");
    }

    @Test
    void routesNotReAnnouncedBetweenThePeersBeginAndEndOfRibArePurged() {
        PeerContext a = h.peer("192.0.2.1");
        h.establish(a, ME, DUAL, true, gr(false));
        h.exchange.updateReceived(a, announce("192.0.2.1", "10.244.1.0/26", "10.244.2.0/26"));
        h.exchange.updateReceived(a, announce("2001:db8::1", "2001:db8:1::/64"));
        h.exchange.routeRefreshReceived(a, IpFamily.V4, RouteRefresh.BEGIN);
        assertThat(h.exchange
                        .best(IpPrefix.parse("10.244.2.0/26"))
                        .orElseThrow()
                        .stale())
                .isTrue();
        h.exchange.updateReceived(a, announce("192.0.2.1", "10.244.1.0/26"));
        h.exchange.routeRefreshReceived(a, IpFamily.V4, RouteRefresh.END);
        assertThat(h.events)
                .containsExactly(
                        "ADD 10.244.1.0/26 via 192.0.2.1 from 192.0.2.1",
                        "ADD 10.244.2.0/26 via 192.0.2.1 from 192.0.2.1",
                        "ADD 2001:db8:1::/64 via 2001:db8::1 from 192.0.2.1",
                        "WITHDRAW 10.244.2.0/26 via 192.0.2.1 from 192.0.2.1");
        assertThat(h.exchange
                        .best(IpPrefix.parse("10.244.1.0/26"))
                        .orElseThrow()
                        .stale())
                .isFalse();
        assertThat(h.exchange
                        .best(IpPrefix.parse("2001:db8:1::/64"))
                        .orElseThrow()
                        .stale())
                .isFalse();
    }

    @Test
    void beginAndEndOfRibAreIgnoredWhenEnhancedRefreshWasNotNegotiated() {
        PeerContext a = h.peer("192.0.2.1");
        h.establish(a, ME, DUAL, false, gr(false));
        h.exchange.updateReceived(a, announce("192.0.2.1", "10.244.1.0/26"));
        h.exchange.routeRefreshReceived(a, IpFamily.V4, RouteRefresh.BEGIN);
        h.exchange.routeRefreshReceived(a, IpFamily.V4, RouteRefresh.END);
        assertThat(h.exchange.best(IpPrefix.parse("10.244.1.0/26"))).isPresent();
        assertThat(h.events).hasSize(1);
    }

    @Test
    void anEndOfRibWithoutABeginLeavesGracefulRestartStaleRoutesAlone() {
        PeerContext a = h.peer("192.0.2.1");
        h.establish(a, ME, DUAL, true, gr(false));
        h.exchange.updateReceived(a, announce("192.0.2.1", "10.244.1.0/26"));
        h.exchange.down(a, dev.brindle.bgp.session.DownCause.CONNECTION_LOST);
        h.establish(a, ME, DUAL, true, gr(false));
        h.exchange.routeRefreshReceived(a, IpFamily.V4, RouteRefresh.END);
        assertThat(h.exchange
                        .best(IpPrefix.parse("10.244.1.0/26"))
                        .orElseThrow()
                        .stale())
                .isTrue();
        h.exchange.updateReceived(a, dev.brindle.bgp.rib.RouteUpdate.endOfRib(IpFamily.V4));
        assertThat(h.exchange.best(IpPrefix.parse("10.244.1.0/26"))).isEmpty();
    }
}
