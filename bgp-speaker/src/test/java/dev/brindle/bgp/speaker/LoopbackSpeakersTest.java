package dev.brindle.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.bgp.session.SessionState;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two speakers over real TCP (native epoll) on loopback addresses: no root, no namespaces, but the whole stack —
 * codec, FSM, RIBs — between two of our own.
 */
class LoopbackSpeakersTest {
    static final InetAddress A = IpAddresses.parse("127.0.0.1");
    static final InetAddress B = IpAddresses.parse("127.0.0.2");
    static final IpPrefix BLOCK_A = IpPrefix.parse("10.244.1.0/26");
    static final IpPrefix BLOCK_B = IpPrefix.parse("10.244.2.0/26");

    final List<BestRouteEvent> eventsA = new CopyOnWriteArrayList<>();
    final List<BestRouteEvent> eventsB = new CopyOnWriteArrayList<>();
    BgpSpeaker a;
    BgpSpeaker b;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static SpeakerConfig config(InetAddress listen, int port, String routerId) {
        return SpeakerConfig.of(64512, (Inet4Address) IpAddresses.parse(routerId))
                .withListen(Optional.of(listen), port);
    }

    void start(PeerConfig aToB, PeerConfig bToA, int portA, int portB) throws InterruptedException {
        a = BgpSpeaker.start(config(A, portA, "10.0.0.1"), eventsA::add, s -> {});
        b = BgpSpeaker.start(config(B, portB, "10.0.0.2"), eventsB::add, s -> {});
        a.announce(BLOCK_A);
        b.announce(BLOCK_B, IpAddresses.parse("192.0.2.2"));
        a.addPeer(aToB);
        b.addPeer(bToA);
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void twoSpeakersEstablishAndExchangeTheirBlocksEachWayAndWithdraw() throws Exception {
        int pa = freePort();
        int pb = freePort();
        start(
                PeerConfig.of(B, 64512).withPort(pb).withConnectRetry(Duration.ofMillis(300)),
                PeerConfig.of(A, 64512).withPort(pa).withPassive(true),
                pa,
                pb);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsA.size() == 1 && eventsB.size() == 1);
        assertThat(eventsA.getFirst())
                .isEqualTo(new BestRouteEvent(BestRouteEvent.Kind.ADD, BLOCK_B, IpAddresses.parse("192.0.2.2"), B));
        assertThat(eventsB.getFirst()).isEqualTo(new BestRouteEvent(BestRouteEvent.Kind.ADD, BLOCK_A, A, A));
        assertThat(a.peerStatus().getFirst().state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(b.peerStatus().getFirst().passive()).isTrue();

        a.withdraw(BLOCK_A);
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsB.size() == 2);
        assertThat(eventsB.getLast().kind()).isEqualTo(BestRouteEvent.Kind.WITHDRAW);
    }

    @Test
    void md5WithMatchingKeysEstablishesAndMismatchedKeysNever() throws Exception {
        int pa = freePort();
        int pb = freePort();
        start(
                PeerConfig.of(B, 64512).withPort(pb).withMd5Key("s3cret").withConnectRetry(Duration.ofMillis(300)),
                PeerConfig.of(A, 64512).withPort(pa).withMd5Key("s3cret").withPassive(true),
                pa,
                pb);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsB.size() == 1);
        a.removePeer(B);
        b.removePeer(A);
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsB.size() == 2);

        a.addPeer(PeerConfig.of(B, 64512).withPort(pb).withMd5Key("wrong").withConnectRetry(Duration.ofMillis(300)));
        b.addPeer(PeerConfig.of(A, 64512).withPort(pa).withMd5Key("s3cret").withPassive(true));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(4))
                .until(() -> a.peerStatus().getFirst().state() != SessionState.ESTABLISHED
                        && b.peerStatus().getFirst().state() != SessionState.ESTABLISHED);
    }

    @Test
    void removingAPeerSendsCeaseAndThePeerWithdrawsOurRoutes() throws Exception {
        int pa = freePort();
        int pb = freePort();
        start(
                PeerConfig.of(B, 64512).withPort(pb).withConnectRetry(Duration.ofMillis(300)),
                PeerConfig.of(A, 64512).withPort(pa).withConnectRetry(Duration.ofMillis(300)),
                pa,
                pb);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsB.size() == 1);
        a.removePeer(B);
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsB.size() == 2);
        assertThat(b.peerStatus().getFirst().lastError()).contains("6/3");
    }
}
