package dev.brindle.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.junit.Needs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Calico's node-to-node mesh is unidirectional: a node is {@code passive on} towards peers whose address string is
 * greater than its own (bgp-facts.md §6, trap 10). With 192.0.2.9 and 192.0.2.10 the string order is the reverse
 * of the numeric one, so a numeric implementation would leave both sides waiting. BIRD gets exactly Calico's
 * per-peer setting; we get {@code ,mesh} and must make the matching choice.
 */
@Needs(
        root = true,
        commands = {"ip", "bird", "birdc", "ss"})
class CalicoMeshDirectionIT extends InteropFixture {
    /** Runs us at {@code us} and a Calico-configured BIRD at {@code them} until the session is up. */
    void meshWith(String us, String them) throws Exception {
        link(us, "bird", them);
        boolean birdPassive = them.compareTo(us) < 0; // Calico on BIRD's side: peer (us) > self (them)
        Bird.Options o = Bird.options(them, "10.244.1.0/26", us);
        Bird bird = new Bird(peerNs, dir, birdPassive ? o.passiveOn() : o);
        peer = bird;
        bird.start(false);
        speaker = Speaker.start(
                dutNs,
                dir.resolve("speaker.err"),
                "--router-id",
                us,
                "--peer",
                them + ",mesh,connect-retry=1",
                "--announce",
                OUR_BLOCK);
        await().atMost(Duration.ofSeconds(20)).until(() -> speaker.count(Speaker.session(them, "Established")) > 0);
    }

    @Test
    void dotTenWaitsForDotNineBecause9SortsAfter10AsAString() throws Exception {
        meshWith("192.0.2.10", "192.0.2.9");
        assertThat(peerConnectedToUs("192.0.2.10")).isTrue();
    }

    @Test
    void dotNineConnectsToDotTen() throws Exception {
        meshWith("192.0.2.9", "192.0.2.10");
        assertThat(peerConnectedToUs("192.0.2.9")).isFalse();
        assertThat(speaker.count(Speaker.session("192.0.2.10", "Established"))).isEqualTo(1);
    }
}
