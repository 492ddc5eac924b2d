package dev.brindle.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerFsmTest {
    static final int LOCAL_ID = Ipv4.toInt(IpAddresses.parse("192.0.2.100"));
    static final int PEER_ID = Ipv4.toInt(IpAddresses.parse("192.0.2.1"));

    final ManualTimers timers = new ManualTimers();
    final List<String> events = new ArrayList<>();
    int dials;
    PeerConfig config = PeerConfig.of(IpAddresses.parse("192.0.2.1"), 64512);
    int localHold = 90;

    final SessionListener listener = new SessionListener() {
        @Override
        public void stateChanged(PeerFsm peer, SessionState from, SessionState to) {
            events.add(to.displayName());
        }

        @Override
        public void established(PeerFsm peer, EstablishedSession session) {
            events.add("up hold=" + session.hold().toSeconds());
        }

        @Override
        public void down(PeerFsm peer, EstablishedSession session, DownCause cause) {
            events.add("down " + cause);
        }
    };

    PeerFsm fsm() {
        return new PeerFsm(config, () -> open(64512, localHold, LOCAL_ID), timers, p -> dials++, listener);
    }

    static OpenParameters open(long as, int hold, int id) {
        return new OpenParameters(as, hold, id, Set.of(IpFamily.V4), true, true, false, Optional.empty());
    }

    /** Started, {@code c} up and the peer's OPEN received on it: OpenConfirm. */
    PeerFsm openConfirm(RecordingConnection c, int peerHold) {
        PeerFsm fsm = fsm();
        fsm.start();
        fsm.connectionUp(c);
        fsm.openReceived(c, open(64512, peerHold, PEER_ID));
        return fsm;
    }

    PeerFsm established(RecordingConnection c, int peerHold) {
        PeerFsm fsm = openConfirm(c, peerHold);
        fsm.keepaliveReceived(c);
        return fsm;
    }

    /** A collision (RFC 4271 §6.8): our connection {@code out} and the peer's {@code in} both get its OPEN. */
    PeerFsm collision(RecordingConnection out, RecordingConnection in, int peerId) {
        PeerFsm fsm = fsm();
        fsm.start();
        fsm.connectionUp(out);
        fsm.connectionUp(in);
        fsm.openReceived(out, open(64512, 90, peerId));
        fsm.openReceived(in, open(64512, 90, peerId));
        return fsm;
    }

    @Test
    void activePeerGoesThroughAllStatesToEstablished() {
        PeerFsm fsm = fsm();
        RecordingConnection c = new RecordingConnection(true);
        fsm.start();
        assertThat(fsm.state()).isEqualTo(SessionState.CONNECT);
        assertThat(dials).isEqualTo(1);
        fsm.connectionUp(c);
        assertThat(c.sent).containsExactly("OPEN");
        fsm.openReceived(c, open(64512, 90, PEER_ID));
        assertThat(fsm.state()).isEqualTo(SessionState.OPEN_CONFIRM);
        fsm.keepaliveReceived(c);
        assertThat(fsm.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(c.sent).containsExactly("OPEN", "KEEPALIVE");
        assertThat(events).containsExactly("Connect", "OpenSent", "OpenConfirm", "Established", "up hold=90");
    }

    @Test
    void passivePeerNeverDialsAndWaitsInActive() {
        config = config.withPassive(true);
        PeerFsm fsm = fsm();
        fsm.start();
        timers.advanceSeconds(60);
        assertThat(fsm.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(dials).isZero();
        RecordingConnection in = new RecordingConnection(false);
        fsm.connectionUp(in);
        assertThat(fsm.state()).isEqualTo(SessionState.OPEN_SENT);
    }

    @Test
    void failedConnectGoesActiveAndRetriesAfterJitteredConnectRetry() {
        timers.setJitter(0.75);
        PeerFsm fsm = fsm();
        fsm.start();
        fsm.connectFailed();
        assertThat(fsm.state()).isEqualTo(SessionState.ACTIVE);
        timers.advanceSeconds(2.2);
        assertThat(dials).isEqualTo(1);
        timers.advanceSeconds(0.1); // 3 s * 0.75 = 2.25 s
        assertThat(dials).isEqualTo(2);
        assertThat(fsm.state()).isEqualTo(SessionState.CONNECT);
    }

    @Test
    void negotiatesTheSmallerHoldTimeAndSendsKeepalivesEveryThird() {
        RecordingConnection c = new RecordingConnection(true);
        PeerFsm fsm = established(c, 9);
        assertThat(events).contains("up hold=9");
        long before = c.count("KEEPALIVE");
        timers.advanceSeconds(3);
        fsm.keepaliveReceived(c);
        timers.advanceSeconds(3);
        fsm.keepaliveReceived(c);
        assertThat(c.count("KEEPALIVE")).isEqualTo(before + 2);
        assertThat(fsm.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void holdTimerExpirySendsHoldTimerExpiredAndRestartsAfterConnectRetry() {
        RecordingConnection c = new RecordingConnection(true);
        PeerFsm fsm = established(c, 9);
        timers.advanceSeconds(8.9);
        assertThat(fsm.state()).isEqualTo(SessionState.ESTABLISHED);
        timers.advanceSeconds(0.2);
        assertThat(c.notifications).containsExactly(NotificationReason.HOLD_TIMER_EXPIRED);
        assertThat(events).contains("down NOTIFICATION_SENT");
        assertThat(fsm.state()).isEqualTo(SessionState.IDLE);
        assertThat(fsm.lastError()).contains("hold timer expired");
        timers.advanceSeconds(3);
        assertThat(dials).isEqualTo(2);
        assertThat(fsm.state()).isEqualTo(SessionState.CONNECT);
    }

    @Test
    void holdTimeZeroMeansNoKeepalivesAndNoExpiry() {
        RecordingConnection c = new RecordingConnection(true);
        PeerFsm fsm = established(c, 0);
        timers.advance(Duration.ofHours(1));
        assertThat(c.count("KEEPALIVE")).isEqualTo(1); // only the one answering the OPEN
        assertThat(fsm.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void keepaliveInOpenSentIsAnFsmErrorWithSubcode1() {
        PeerFsm fsm = fsm();
        RecordingConnection c = new RecordingConnection(true);
        fsm.start();
        fsm.connectionUp(c);
        fsm.keepaliveReceived(c);
        assertThat(c.notifications).containsExactly(NotificationReason.of(5, 1));
    }

    @Test
    void updateInOpenConfirmIsAnFsmErrorWithSubcode2() {
        RecordingConnection c = new RecordingConnection(true);
        PeerFsm fsm = openConfirm(c, 90);
        assertThat(fsm.establishedMessageReceived(c)).isFalse();
        assertThat(c.notifications).containsExactly(NotificationReason.of(5, 2));
    }

    @Test
    void collisionKeepsTheConnectionInitiatedByTheHigherIdentifierWhenThatIsUs() {
        // local 192.0.2.100 > peer 192.0.2.1: our outgoing connection survives
        RecordingConnection out = new RecordingConnection(true);
        RecordingConnection in = new RecordingConnection(false);
        PeerFsm fsm = collision(out, in, PEER_ID);
        assertThat(in.notifications).containsExactly(NotificationReason.COLLISION_RESOLUTION);
        assertThat(out.notifications).isEmpty();
        fsm.keepaliveReceived(out);
        assertThat(fsm.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(fsm.session().orElseThrow().connection()).isSameAs(out);
    }

    @Test
    void collisionKeepsThePeersConnectionWhenItsIdentifierIsHigher() {
        int higher = Ipv4.toInt(IpAddresses.parse("192.0.2.200"));
        RecordingConnection out = new RecordingConnection(true);
        RecordingConnection in = new RecordingConnection(false);
        PeerFsm fsm = collision(out, in, higher);
        assertThat(out.notifications).containsExactly(NotificationReason.COLLISION_RESOLUTION);
        assertThat(in.notifications).isEmpty();
        fsm.keepaliveReceived(in);
        assertThat(fsm.session().orElseThrow().connection()).isSameAs(in);
        assertThat(events).doesNotContain("down NOTIFICATION_SENT");
    }

    @Test
    void aConnectionArrivingWhileEstablishedIsClosedWithoutTouchingTheSession() {
        RecordingConnection c = new RecordingConnection(true);
        PeerFsm fsm = established(c, 90);
        RecordingConnection late = new RecordingConnection(false);
        fsm.connectionUp(late);
        assertThat(late.closed).isTrue();
        assertThat(late.sent).isEmpty();
        assertThat(fsm.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void anInboundConnectionDuringIdleHoldCancelsTheRestartSoNoSecondConnectionIsDialled() {
        RecordingConnection c = new RecordingConnection(true);
        PeerFsm fsm = established(c, 90);
        fsm.connectionClosed(c);
        RecordingConnection in = new RecordingConnection(false);
        fsm.connectionUp(in);
        fsm.openReceived(in, open(64512, 90, PEER_ID));
        fsm.keepaliveReceived(in);
        timers.advance(Duration.ofSeconds(30));
        assertThat(dials).isEqualTo(1);
        assertThat(fsm.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void aConnectionLostWithoutNotificationIsReportedAsSuch() {
        RecordingConnection c = new RecordingConnection(true);
        PeerFsm fsm = established(c, 90);
        fsm.connectionClosed(c);
        assertThat(events).contains("down CONNECTION_LOST");
        assertThat(c.notifications).isEmpty();
    }

    @Test
    void aReceivedNotificationEndsTheSessionWithoutAnswering() {
        RecordingConnection c = new RecordingConnection(true);
        PeerFsm fsm = established(c, 90);
        fsm.notificationReceived(c, NotificationReason.ADMIN_SHUTDOWN);
        assertThat(events).contains("down NOTIFICATION_RECEIVED");
        assertThat(c.notifications).isEmpty();
        assertThat(fsm.lastError()).contains("6/2");
    }

    @Test
    void sendHoldTimerClosesASessionWhosePeerStopsReading() {
        RecordingConnection c = new RecordingConnection(true);
        PeerFsm fsm = established(c, 0);
        fsm.writabilityChanged(c, false);
        timers.advance(Duration.ofMinutes(7));
        fsm.writabilityChanged(c, true);
        fsm.writabilityChanged(c, false);
        timers.advance(Duration.ofMinutes(7));
        assertThat(fsm.state()).isEqualTo(SessionState.ESTABLISHED);
        timers.advance(Duration.ofMinutes(1));
        assertThat(c.notifications).containsExactly(NotificationReason.SEND_HOLD_TIMER_EXPIRED);
        assertThat(fsm.state()).isNotEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void stopSendsTheCeaseAndNeverRestarts() {
        RecordingConnection c = new RecordingConnection(true);
        PeerFsm fsm = established(c, 90);
        fsm.stop(NotificationReason.PEER_DECONFIGURED);
        timers.advance(Duration.ofMinutes(5));
        assertThat(c.notifications).containsExactly(NotificationReason.PEER_DECONFIGURED);
        assertThat(fsm.state()).isEqualTo(SessionState.IDLE);
        assertThat(dials).isEqualTo(1);
        assertThat(events).contains("down STOPPED");
    }
}
