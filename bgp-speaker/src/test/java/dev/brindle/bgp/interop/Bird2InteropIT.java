package dev.brindle.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.junit.Needs;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our speaker against a real BIRD 2 in two namespaces joined by a veth: us 192.0.2.100 announcing
 * 10.244.100.0/26, BIRD 192.0.2.1 announcing 10.244.1.0/26 from a Calico-style config (bgp-facts.md §6, §9.1).
 */
@Needs(
        root = true,
        commands = {"ip", "bird", "birdc"})
class Bird2InteropIT extends InteropFixture {
    static final String BIRD = "192.0.2.1";
    static final String BIRD_BLOCK = "10.244.1.0/26";
    static final Duration UP = Duration.ofSeconds(20);

    Bird bird;

    @BeforeEach
    void topology() {
        link(US, "bird", BIRD);
    }

    void startBird(Bird.Options o) throws Exception {
        bird = new Bird(peerNs, dir, o);
        peer = bird;
        bird.start(false);
    }

    void startSpeakerWith(String... peerOptions) {
        startSpeaker(BIRD + (peerOptions.length > 0 ? "," + String.join(",", peerOptions) : ""));
    }

    void awaitRoutesBothWays() {
        await().atMost(UP).until(() -> speaker.count(l -> l.startsWith(Speaker.add(BIRD_BLOCK, BIRD))) > 0);
        await().atMost(UP).until(() -> Netns.routes(peerNs).contains(OUR_BLOCK + " via " + US));
    }

    @Test
    void weConnectToAPassiveBirdAndRoutesFlowBothWaysThenOurWithdrawReachesItsKernel() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US).passiveOn());
        startSpeakerWith("hold=9");
        awaitRoutesBothWays();
        assertThat(bird.cli("show", "route", "all", OUR_BLOCK))
                .contains("BGP.origin: IGP")
                .contains("BGP.local_pref: 100")
                .contains("BGP.next_hop: " + US);

        speaker.command("withdraw " + OUR_BLOCK);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Netns.routes(peerNs).contains(OUR_BLOCK));
        assertThat(speaker.count(Speaker.session(BIRD, "Established"))).isEqualTo(1);
    }

    @Test
    void birdConnectsToUsWhenWeArePassive() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US));
        startSpeakerWith("passive");
        awaitRoutesBothWays();
        // We never dialled: BIRD's side of the one connection is the ephemeral port, ours is 179.
        assertThat(peerConnectedToUs(US)).isTrue();
    }

    @Test
    void aFrozenPeerExpiresTheHoldTimerWithHoldTimerExpiredAndComesBackAfterSigcont() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US));
        startSpeakerWith("hold=3", "connect-retry=1");
        awaitRoutesBothWays();
        Shell.signal(bird.pid(), "STOP");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> speaker.count(l -> l.startsWith(Speaker.withdraw(BIRD_BLOCK))) == 1);
        assertThat(speaker.lines())
                .anyMatch(l -> Speaker.session(BIRD, "Idle").test(l) && l.contains("hold timer expired"));
        Shell.signal(bird.pid(), "CONT");
        await().atMost(UP).until(() -> bird.log().contains("Received: Hold timer expired"));
        await().atMost(UP).until(() -> speaker.count(l -> l.startsWith(Speaker.add(BIRD_BLOCK, BIRD))) == 2);
        await().atMost(UP).until(bird::established);
    }

    @Test
    void aKilledPeerKeepsItsRoutesAsStaleAndTheyAreRefreshedWithoutAFlap() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US));
        startSpeakerWith("hold=9", "connect-retry=1");
        awaitRoutesBothWays();
        bird.kill9();
        bird.start(true);
        await().atMost(UP).until(() -> speaker.count(Speaker.session(BIRD, "Established")) == 2);
        await().atMost(UP).until(bird::established);
        speaker.command("status");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> speaker.lines().getLast().contains("\"received\":1"));
        assertThat(speaker.count(l -> l.startsWith(Speaker.withdraw(BIRD_BLOCK))))
                .isZero();
        assertThat(speaker.count(l -> l.startsWith(Speaker.add(BIRD_BLOCK, BIRD))))
                .isEqualTo(1);
    }

    @Test
    void stalePeerRoutesAreFlushedWhenThePeerDoesNotReturnWithinItsRestartTime() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US).withRestartTime(3));
        startSpeakerWith("hold=9");
        awaitRoutesBothWays();
        bird.kill9();
        await().atMost(Duration.ofSeconds(2)).until(() -> speaker.count(Speaker.session(BIRD, "Idle")) > 0);
        assertThat(speaker.count(l -> l.startsWith(Speaker.withdraw(BIRD_BLOCK))))
                .isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> speaker.count(l -> l.startsWith(Speaker.withdraw(BIRD_BLOCK))) == 1);
    }

    @Test
    void birdKeepsOurRouteWhileWeRestartAndWeSendEndOfRib() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US));
        startSpeakerWith("hold=9");
        awaitRoutesBothWays();
        speaker.exit("restart");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> bird.cli("show", "protocols", "all").contains("Neighbor graceful restart active"));
        assertThat(Netns.routes(peerNs)).contains(OUR_BLOCK + " via " + US);
        startSpeakerWith("hold=9");
        await().atMost(UP).until(bird::established);
        // BIRD leaves graceful-restart mode on our End-of-RIB; the route never left its kernel.
        await().atMost(UP)
                .until(() -> !bird.cli("show", "protocols", "all").contains("Neighbor graceful restart active"));
        assertThat(Netns.routes(peerNs)).contains(OUR_BLOCK + " via " + US);
    }

    @Test
    void aRouteRefreshFromBirdIsAnsweredWithOurRoutes() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US));
        startSpeakerWith("hold=9");
        awaitRoutesBothWays();
        String protocol = "Mesh_" + US.replace('.', '_');
        int before = bird.importUpdatesReceived(protocol);
        assertThat(before).isPositive();
        bird.cli("reload", "in", protocol);
        await().atMost(Duration.ofSeconds(5)).until(() -> bird.importUpdatesReceived(protocol) > before);
    }

    @Test
    void md5WithTheMatchingKeyEstablishes() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US).withPassword("s3cret"));
        startSpeakerWith("md5=s3cret", "hold=9");
        awaitRoutesBothWays();
    }

    @Test
    void md5WithAWrongKeyNeverEstablishes() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US).withPassword("s3cret"));
        startSpeakerWith("md5=wrong", "hold=9", "connect-retry=1");
        await().during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(8))
                .until(() -> speaker.count(Speaker.session(BIRD, "Established")) == 0 && !bird.established());
        assertThat(speaker.lines()).anyMatch(l -> l.startsWith("{\"event\":\"ready\""));
    }
}
