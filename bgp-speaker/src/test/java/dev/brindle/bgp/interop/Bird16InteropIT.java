package dev.brindle.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.junit.Needs;
import dev.brindle.lab.junit.NeedsExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our speaker against BIRD 1.6 with Calico's template in 1.x syntax — what calico-node itself runs. */
@Needs(
        root = true,
        commands = {"ip", "apt-get", "dpkg"})
class Bird16InteropIT extends InteropFixture {
    static final String BIRD = "192.0.2.4";
    static final String BIRD_BLOCK = "10.244.4.0/26";
    static final Duration UP = Duration.ofSeconds(20);

    Path bird1;
    Bird bird;

    @BeforeEach
    void topology() {
        bird1 = Bird1.binary().orElse(null);
        if (bird1 == null) {
            NeedsExtension.skipOrFailUnderCi("BIRD 1.6 could not be unpacked (apt-get download bird)");
        }
        link(US, "bird1", BIRD);
    }

    void start(Bird.Options o, String peerSpec) throws Exception {
        bird = Bird.legacy(peerNs, dir, bird1, o);
        peer = bird;
        bird.start(false);
        startSpeaker(peerSpec);
        await().atMost(UP).until(() -> speaker.count(l -> l.startsWith(Speaker.add(BIRD_BLOCK, BIRD))) > 0);
        await().atMost(UP).until(() -> Netns.routes(peerNs).contains(OUR_BLOCK + " via " + US));
    }

    @Test
    void weConnectToAPassiveBird16AndRoutesFlowBothWaysThenWithdraw() throws Exception {
        start(Bird.options(BIRD, BIRD_BLOCK, US).passiveOn(), BIRD + ",connect-retry=1");
        speaker.command("withdraw " + OUR_BLOCK);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Netns.routes(peerNs).contains(OUR_BLOCK));
    }

    @Test
    void bird16ConnectsToUsWhenWeArePassive() throws Exception {
        start(Bird.options(BIRD, BIRD_BLOCK, US), BIRD + ",passive");
        assertThat(peerConnectedToUs(US)).isTrue();
    }

    @Test
    void md5WithTheMatchingKeyEstablishes() throws Exception {
        start(Bird.options(BIRD, BIRD_BLOCK, US).withPassword("s3cret"), BIRD + ",md5=s3cret,connect-retry=1");
    }

    @Test
    void aFrozenBird16ExpiresOurHoldTimerAndComesBack() throws Exception {
        start(Bird.options(BIRD, BIRD_BLOCK, US), BIRD + ",hold=3,connect-retry=1");
        Shell.signal(bird.pid(), "STOP");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> speaker.count(l -> l.startsWith(Speaker.withdraw(BIRD_BLOCK))) == 1);
        Shell.signal(bird.pid(), "CONT");
        await().atMost(UP).until(() -> speaker.count(l -> l.startsWith(Speaker.add(BIRD_BLOCK, BIRD))) == 2);
    }
}
