package dev.brindle.ctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.Cmd;
import dev.brindle.lab.cluster.LabMode;
import dev.brindle.lab.cluster.Pod;
import dev.brindle.lab.junit.Needs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: a mode switch under a steady ping loses at most one packet. Two nodes, a pod on each, a 20 Hz ping from
 * one to the other while the pool goes VXLAN → no-encap → VXLAN; each switch gets its own ping run so the loss is
 * counted per switch from ping's own summary.
 */
@Needs(
        root = true,
        commands = {"ip", "ping"})
class ModeSwitchIT {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @Test
    void switchingVxlanToNoEncapAndBackLosesAtMostOnePacketEach() {
        try (E2eLab lab = E2eLab.up("ms", 2, 1, LabMode.VXLAN)) {
            List<Pod> pods = lab.pods();
            Pod from = pods.get(0);
            Pod to = pods.get(1);
            assertThat(from.node()).isNotEqualTo(to.node());

            int[] toNoEncap = pingAcross(lab, from, to, LabMode.NOENCAP);
            awaitRoutesOnNode1(lab, false);
            int[] backToVxlan = pingAcross(lab, from, to, LabMode.VXLAN);
            awaitRoutesOnNode1(lab, true);

            System.out.printf(
                    "mode switch under ping: vxlan->noencap %d/%d lost, noencap->vxlan %d/%d lost%n",
                    toNoEncap[0] - toNoEncap[1], toNoEncap[0], backToVxlan[0] - backToVxlan[1], backToVxlan[0]);
            assertThat(toNoEncap[0]).as("packets sent around the switch").isGreaterThan(20);
            assertThat(toNoEncap[0] - toNoEncap[1]).as("lost vxlan -> noencap").isLessThanOrEqualTo(1);
            assertThat(backToVxlan[0] - backToVxlan[1])
                    .as("lost noencap -> vxlan")
                    .isLessThanOrEqualTo(1);
        }
    }

    private static void awaitRoutesOnNode1(E2eLab lab, boolean vxlan) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(lab.brindleRoutes("node1").toString().contains("vxlan.brindle"))
                                .as("node1 routes via vxlan.brindle (log: %s)", lab.dirs.agentLog("node1"))
                                .isEqualTo(vxlan));
    }

    /** Pings {@code to} from {@code from} at 20 Hz across a switch to {@code mode}; returns {sent, received}. */
    private static int[] pingAcross(E2eLab lab, Pod from, Pod to, LabMode mode) {
        // ip netns exec execs ping in place, so the PID is ping's and SIGINT makes it print its summary.
        var pb = new ProcessBuilder("ip", "netns", "exec", from.namespace(), "ping", "-n", "-i", "0.05", to.address())
                .redirectErrorStream(true);
        try {
            Process ping = pb.start();
            sleep(1000);
            lab.cluster.setMode(mode);
            sleep(2000);
            Cmd.run("kill", "-INT", Long.toString(ping.pid())).orThrow();
            String out = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ping.waitFor();
            Matcher m = SUMMARY.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
