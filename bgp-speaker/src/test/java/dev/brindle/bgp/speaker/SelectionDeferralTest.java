package dev.brindle.bgp.speaker;

import static dev.brindle.bgp.speaker.ExchangeHarness.DUAL;
import static dev.brindle.bgp.speaker.ExchangeHarness.ME;
import static dev.brindle.bgp.speaker.ExchangeHarness.announce;
import static dev.brindle.bgp.speaker.ExchangeHarness.gr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.RecordingConnection;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 4724 §4.1 on the restarting side: the speaker starts with graceful restart on, so it defers. */
class SelectionDeferralTest {
    static final IpPrefix OURS = IpPrefix.parse("10.244.7.0/26");
    static final Set<IpFamily> V4 = Set.of(IpFamily.V4);

    final ExchangeHarness h = new ExchangeHarness(SpeakerConfig.of(64512, ME).withSelectionDeferral(30));

    @Test
    void nothingIsSelectedOrSentUntilEveryHelperThatIsBackSentItsEndOfRib() {
        h.exchange.announce(OURS, Optional.empty());
        PeerContext a = h.peer("192.0.2.1");
        PeerContext b = h.peer("192.0.2.2");
        RecordingConnection ca = h.establish(a, ME, V4, false, gr(false));
        RecordingConnection cb = h.establish(b, ME, V4, false, gr(false));
        h.exchange.updateReceived(a, announce("192.0.2.1", "10.244.1.0/26"));
        h.exchange.updateReceived(a, RouteUpdate.endOfRib(IpFamily.V4));
        h.exchange.updateReceived(b, announce("192.0.2.2", "10.244.2.0/26"));
        assertThat(ca.sent).isEmpty();
        assertThat(h.events).isEmpty();
        assertThat(h.exchange.deferring()).isTrue();

        h.exchange.updateReceived(b, RouteUpdate.endOfRib(IpFamily.V4));

        assertThat(h.exchange.deferring()).isFalse();
        assertThat(h.events)
                .containsExactlyInAnyOrder(
                        "ADD 10.244.1.0/26 via 192.0.2.1 from 192.0.2.1",
                        "ADD 10.244.2.0/26 via 192.0.2.2 from 192.0.2.2");
        assertThat(ca.sent).containsExactly("UPDATE", "END-OF-RIB");
        assertThat(cb.sent).containsExactly("UPDATE", "END-OF-RIB");
        assertThat(ca.updates.getFirst().announced()).containsExactly(OURS);
    }

    @Test
    void peersWithoutGracefulRestartOrRestartingThemselvesDoNotHoldBackAColdStart() {
        h.exchange.announce(OURS, Optional.empty());
        PeerContext plain = h.peer("192.0.2.1");
        PeerContext restarting = h.peer("192.0.2.2");
        PeerContext neverBack = h.peer("192.0.2.3");
        RecordingConnection c = h.establish(plain, ME, V4, false, Optional.empty());
        assertThat(c.sent).containsExactly("UPDATE", "END-OF-RIB");
        RecordingConnection r = h.establish(restarting, ME, V4, false, gr(true));
        assertThat(r.sent).containsExactly("UPDATE", "END-OF-RIB");
        assertThat(neverBack.session).isEmpty();
    }

    @Test
    void theDeferralTimerBoundsTheWaitForAnEndOfRibThatNeverComes() {
        h.exchange.announce(OURS, Optional.empty());
        PeerContext a = h.peer("192.0.2.1");
        RecordingConnection c = h.establish(a, ME, DUAL, false, gr(false));
        h.exchange.updateReceived(a, announce("192.0.2.1", "10.244.1.0/26"));
        h.exchange.updateReceived(a, RouteUpdate.endOfRib(IpFamily.V4)); // IPv6's never comes
        h.timers.advance(Duration.ofSeconds(29));
        assertThat(c.sent).isEmpty();
        h.timers.advance(Duration.ofSeconds(2));
        assertThat(c.sent).containsExactly("UPDATE", "END-OF-RIB", "END-OF-RIB V6");
        assertThat(h.events).containsExactly("ADD 10.244.1.0/26 via 192.0.2.1 from 192.0.2.1");
    }

    @Test
    void aPeerBackAfterTheDeferralGetsItsTableAtOnce() {
        PeerContext a = h.peer("192.0.2.1");
        PeerContext late = h.peer("192.0.2.2");
        h.establish(a, ME, V4, false, gr(false));
        h.exchange.updateReceived(a, RouteUpdate.endOfRib(IpFamily.V4));
        h.exchange.announce(OURS, Optional.empty());
        RecordingConnection c = h.establish(late, ME, V4, false, gr(false));
        assertThat(c.sent).containsExactly("UPDATE", "END-OF-RIB");
    }
}
