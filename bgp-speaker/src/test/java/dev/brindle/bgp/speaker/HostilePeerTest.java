package dev.brindle.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.bgp.session.SessionState;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed input from one peer ends that peer's session with the NOTIFICATION its RFC names — or, where RFC 7606
 * says so, only withdraws the route — and never disturbs the speaker or another peer's session.
 */
class HostilePeerTest {
    static final InetAddress SPEAKER = IpAddresses.parse("127.0.0.1");
    static final InetAddress HOSTILE = IpAddresses.parse("127.0.0.2");
    static final InetAddress GOOD = IpAddresses.parse("127.0.0.3");
    /** 10.244.7.0/26 as NLRI: length 26, four prefix octets. */
    static final String NLRI = "1a0af40700";

    final List<BestRouteEvent> events = new CopyOnWriteArrayList<>();
    BgpSpeaker speaker;
    InetSocketAddress address;
    RawPeer good;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        address = new InetSocketAddress(SPEAKER, port);
        speaker = BgpSpeaker.start(
                SpeakerConfig.of(64512, (Inet4Address) IpAddresses.parse("10.0.0.1"))
                        .withListen(Optional.of(SPEAKER), port),
                events::add,
                s -> {});
        speaker.addPeer(PeerConfig.of(HOSTILE, 64512).withPassive(true));
        speaker.addPeer(PeerConfig.of(GOOD, 64512).withPassive(true));
        good = new RawPeer(GOOD, address);
        good.establish("0a000003");
        good.send(2, RawPeer.update("40010100400200400304" + "7f000003" + "40050400000064", "1a0af40800"));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
    }

    @AfterEach
    void stop() throws Exception {
        good.close();
        speaker.close();
    }

    /** The good peer's session is still Established and its route still best after whatever the other did. */
    void goodPeerUnaffected() {
        PeerStatus status = speaker.peerStatus().stream()
                .filter(p -> p.address().equals(GOOD))
                .findFirst()
                .orElseThrow();
        assertThat(status.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(events).filteredOn(e -> e.peer().equals(GOOD)).hasSize(1);
    }

    @Test
    void aBadMarkerIsAnsweredWithConnectionNotSynchronized() throws Exception {
        try (RawPeer hostile = new RawPeer(HOSTILE, address)) {
            hostile.establish("0a000002");
            byte[] bad = new byte[19];
            bad[17] = 19;
            bad[18] = 4; // a KEEPALIVE with a zero marker
            hostile.sendRaw(bad);
            RawPeer.Message n = hostile.expect(3);
            assertThat(n.notificationCode()).isEqualTo(1); // RFC 4271 §6.1: 1/1
            assertThat(n.notificationSubcode()).isEqualTo(1);
            assertThat(hostile.closedByPeer()).isTrue();
        }
        goodPeerUnaffected();
    }

    @Test
    void aPrefixLongerThan32BitsResetsTheSessionWithInvalidNetworkField() throws Exception {
        try (RawPeer hostile = new RawPeer(HOSTILE, address)) {
            hostile.establish("0a000002");
            hostile.send(2, RawPeer.update(RawPeer.GOOD_ATTRS, "210a00000000"));
            RawPeer.Message n = hostile.expect(3);
            assertThat(n.notificationCode()).isEqualTo(3); // RFC 7606 §5.3 / RFC 4271 §6.3: 3/10
            assertThat(n.notificationSubcode()).isEqualTo(10);
        }
        goodPeerUnaffected();
    }

    @Test
    void anInvalidOriginOnlyWithdrawsTheRouteAndKeepsTheSession() throws Exception {
        try (RawPeer hostile = new RawPeer(HOSTILE, address)) {
            hostile.establish("0a000002");
            hostile.send(2, RawPeer.update(RawPeer.GOOD_ATTRS, NLRI));
            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
            // ORIGIN 7: RFC 7606 §7.1 treat-as-withdraw
            hostile.send(2, RawPeer.update("40010107" + RawPeer.GOOD_ATTRS.substring(8), NLRI));
            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
            assertThat(events.getLast().kind()).isEqualTo(BestRouteEvent.Kind.WITHDRAW);
            assertThat(events.getLast().prefix()).isEqualTo(IpPrefix.parse("10.244.7.0/26"));
            hostile.send(4, new byte[0]);
            assertThat(speaker.peerStatus())
                    .filteredOn(p -> p.address().equals(HOSTILE))
                    .extracting(PeerStatus::state)
                    .containsExactly(SessionState.ESTABLISHED);
        }
        goodPeerUnaffected();
    }

    @Test
    void anUpdateBeforeTheSessionIsEstablishedIsAnFsmError() throws Exception {
        try (RawPeer hostile = new RawPeer(HOSTILE, address)) {
            hostile.send(2, RawPeer.update(RawPeer.GOOD_ATTRS, NLRI)); // in OpenSent, before our OPEN is answered
            RawPeer.Message n = hostile.expect(3);
            assertThat(n.notificationCode()).isEqualTo(5); // RFC 6608: 5/1 unexpected message in OpenSent
            assertThat(n.notificationSubcode()).isEqualTo(1);
        }
        goodPeerUnaffected();
    }

    @Test
    void anUnknownAddressIsRefusedWithoutDisturbingAnyone() throws Exception {
        try (RawPeer stranger = new RawPeer(IpAddresses.parse("127.0.0.9"), address)) {
            assertThat(stranger.closedByPeer()).isTrue();
        }
        goodPeerUnaffected();
    }
}
