package dev.brindle.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.junit.Needs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calico's node-to-node mesh is unidirectional: a node is {@code passive on} towards peers whose address string is
 * greater than its own (bgp-facts.md §6, trap 10). With 192.0.2.9 and 192.0.2.10 the string order is the reverse
 * of the numeric one, so a numeric implementation would leave both sides waiting. BIRD gets exactly Calico's
 * per-peer setting; we get {@code ,mesh} and must make the matching choice.
 */
@Needs(
        root = true,
        commands = {"ip", "bird", "birdc", "ss"})
class CalicoMeshDirectionIT {
    @TempDir
    Path dir;

    Netns netns = new Netns();
    Bird bird;
    Speaker speaker;

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

    /** Runs us at {@code us} and a Calico-configured BIRD at {@code them}; returns our established sockets. */
    String meshWith(String us, String them) throws Exception {
        String dut = netns.add("dut");
        String peer = netns.add("bird");
        Netns.link(dut, us, peer, them);
        boolean birdPassive = them.compareTo(us) < 0; // Calico on BIRD's side: peer (us) > self (them)
        Bird.Options o = Bird.options(them, "10.244.1.0/26", us);
        bird = new Bird(peer, dir, birdPassive ? o.passiveOn() : o);
        bird.start(false);
        speaker = Speaker.start(
                dut,
                dir.resolve("speaker.err"),
                "--router-id",
                us,
                "--peer",
                them + ",mesh,connect-retry=1",
                "--announce",
                "10.244.100.0/26");
        await().atMost(Duration.ofSeconds(20)).until(() -> speaker.count(Speaker.session(them, "Established")) > 0);
        return Shell.run("ip", "netns", "exec", dut, "ss", "-Htn", "state", "established");
    }

    @Test
    void dotTenWaitsForDotNineBecause9SortsAfter10AsAString() throws Exception {
        String sockets = meshWith("192.0.2.10", "192.0.2.9");
        assertThat(sockets).containsPattern("192\\.0\\.2\\.10\\]?:179 "); // we accepted
    }

    @Test
    void dotNineConnectsToDotTen() throws Exception {
        String sockets = meshWith("192.0.2.9", "192.0.2.10");
        assertThat(sockets).containsPattern("192\\.0\\.2\\.10\\]?:179"); // their port 179: we connected
        assertThat(sockets).doesNotContainPattern("192\\.0\\.2\\.9\\]?:179 ");
    }
}
