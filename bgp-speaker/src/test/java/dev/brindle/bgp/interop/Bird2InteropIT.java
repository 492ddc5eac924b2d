package dev.brindle.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.junit.Needs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our speaker against a real BIRD 2 in two namespaces joined by a veth: us 192.0.2.100 announcing
 * 10.244.100.0/26, BIRD 192.0.2.1 announcing 10.244.1.0/26 from a Calico-style config (bgp-facts.md §6, §9.1).
 */
@Needs(
        root = true,
        commands = {"ip", "bird", "birdc"})
class Bird2InteropIT {
    static final String US = "192.0.2.100";
    static final String BIRD = "192.0.2.1";
    static final String OUR_BLOCK = "10.244.100.0/26";
    static final String BIRD_BLOCK = "10.244.1.0/26";
    static final Duration UP = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    Netns netns;
    String dutNs;
    String birdNs;
    Bird bird;
    Speaker speaker;

    @BeforeEach
    void topology() {
        netns = new Netns();
        dutNs = netns.add("dut");
        birdNs = netns.add("bird");
        Netns.link(dutNs, US, birdNs, BIRD);
    }

    @AfterEach
    void teardown() throws Exception {
        try {
            if (speaker != null) {
                speaker.close();
            }
            if (bird != null) {
                bird.close();
            }
        } finally {
            netns.close();
        }
    }

    void startBird(Bird.Options o) throws Exception {
        bird = new Bird(birdNs, dir, o);
        bird.start(false);
    }

    void startSpeaker(String... peerOptions) {
        String peer = BIRD + (peerOptions.length > 0 ? "," + String.join(",", peerOptions) : "");
        speaker = Speaker.start(
                dutNs, dir.resolve("speaker.err"), "--router-id", US, "--peer", peer, "--announce", OUR_BLOCK);
    }

    void awaitRoutesBothWays() {
        await().atMost(UP).until(() -> speaker.count(l -> l.startsWith(Speaker.add(BIRD_BLOCK, BIRD))) > 0);
        await().atMost(UP).until(() -> Netns.routes(birdNs).contains(OUR_BLOCK + " via " + US));
    }

    @Test
    void weConnectToAPassiveBirdAndRoutesFlowBothWaysThenOurWithdrawReachesItsKernel() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US).passiveOn());
        startSpeaker("hold=9");
        awaitRoutesBothWays();
        assertThat(bird.cli("show", "route", "all", OUR_BLOCK))
                .contains("BGP.origin: IGP")
                .contains("BGP.local_pref: 100")
                .contains("BGP.next_hop: " + US);

        speaker.command("withdraw " + OUR_BLOCK);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Netns.routes(birdNs).contains(OUR_BLOCK));
        assertThat(speaker.count(Speaker.session(BIRD, "Established"))).isEqualTo(1);
    }

    @Test
    void birdConnectsToUsWhenWeArePassive() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US));
        startSpeaker("passive");
        awaitRoutesBothWays();
        // We never dialled: BIRD's side of the one connection is the ephemeral port, ours is 179.
        assertThat(Shell.run("ip", "netns", "exec", dutNs, "ss", "-Htn", "state", "established"))
                .containsPattern("192\\.0\\.2\\.100\\]?:179 ");
    }

    @Test
    void aFrozenPeerExpiresTheHoldTimerWithHoldTimerExpiredAndComesBackAfterSigcont() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US));
        startSpeaker("hold=3", "connect-retry=1");
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
        startSpeaker("hold=9", "connect-retry=1");
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
        startSpeaker("hold=9");
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
        startSpeaker("hold=9");
        awaitRoutesBothWays();
        speaker.exit("restart");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> bird.cli("show", "protocols", "all").contains("Neighbor graceful restart active"));
        assertThat(Netns.routes(birdNs)).contains(OUR_BLOCK + " via " + US);
        startSpeaker("hold=9");
        await().atMost(UP).until(bird::established);
        // BIRD leaves graceful-restart mode on our End-of-RIB; the route never left its kernel.
        await().atMost(UP)
                .until(() -> !bird.cli("show", "protocols", "all").contains("Neighbor graceful restart active"));
        assertThat(Netns.routes(birdNs)).contains(OUR_BLOCK + " via " + US);
    }

    @Test
    void aRouteRefreshFromBirdIsAnsweredWithOurRoutes() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US));
        startSpeaker("hold=9");
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
        startSpeaker("md5=s3cret", "hold=9");
        awaitRoutesBothWays();
    }

    @Test
    void md5WithAWrongKeyNeverEstablishes() throws Exception {
        startBird(Bird.options(BIRD, BIRD_BLOCK, US).withPassword("s3cret"));
        startSpeaker("md5=wrong", "hold=9", "connect-retry=1");
        await().during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(8))
                .until(() -> speaker.count(Speaker.session(BIRD, "Established")) == 0 && !bird.established());
        assertThat(speaker.lines()).anyMatch(l -> l.startsWith("{\"event\":\"ready\""));
    }
}
