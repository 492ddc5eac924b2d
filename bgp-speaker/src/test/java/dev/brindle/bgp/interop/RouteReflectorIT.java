package dev.brindle.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.junit.Needs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our speaker as a route reflector (RFC 4456) for two BIRD 2 clients that peer only with us, on one bridge: each
 * client's block reaches the other with the originator's next hop unchanged, ORIGINATOR_ID and our CLUSTER_LIST.
 */
@Needs(
        root = true,
        commands = {"ip", "bird", "birdc"})
class RouteReflectorIT {
    static final String RR = "192.0.2.100";
    static final String A = "192.0.2.1";
    static final String B = "192.0.2.2";

    @TempDir
    Path dir;

    final Netns netns = new Netns();
    final List<AutoCloseable> processes = new ArrayList<>();

    @AfterEach
    void teardown() throws Exception {
        try {
            for (AutoCloseable p : processes.reversed()) {
                p.close();
            }
        } finally {
            netns.close();
        }
    }

    Bird client(String hub, String name, String self, String block) throws Exception {
        String ns = netns.add(name);
        Netns.attach(hub, ns, self, "h-" + name);
        Bird bird = new Bird(ns, Files.createDirectories(dir.resolve(name)), Bird.options(self, block, RR));
        processes.add(bird);
        bird.start(false);
        return bird;
    }

    @Test
    void reflectsEachClientsBlockToTheOtherWithOriginatorIdClusterListAndTheOriginalNextHop() throws Exception {
        String hub = netns.add("hub");
        Netns.bridge(hub);
        String rr = netns.add("rr");
        Netns.attach(hub, rr, RR, "h-rr");
        Bird a = client(hub, "a", A, "10.244.1.0/26");
        Bird b = client(hub, "b", B, "10.244.2.0/26");
        processes.add(Speaker.start(
                rr,
                dir.resolve("speaker.err"),
                "--router-id",
                RR,
                "--cluster-id",
                "1.1.1.1",
                "--peer",
                A + ",rr-client,connect-retry=1",
                "--peer",
                B + ",rr-client,connect-retry=1",
                "--announce",
                "10.244.100.0/26"));

        await().atMost(Duration.ofSeconds(20)).until(() -> Netns.routes(b.ns).contains("10.244.1.0/26 via " + A));
        await().atMost(Duration.ofSeconds(20)).until(() -> Netns.routes(a.ns).contains("10.244.2.0/26 via " + B));
        assertThat(b.cli("show", "route", "all", "10.244.1.0/26"))
                .contains("BGP.originator_id: " + A)
                .contains("BGP.cluster_list: 1.1.1.1")
                .contains("BGP.next_hop: " + A);
        assertThat(Netns.routes(a.ns)).contains("10.244.100.0/26 via " + RR);
    }
}
