package dev.brindle.ctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.Cmd;
import dev.brindle.lab.cluster.AgentSocket;
import dev.brindle.lab.cluster.Binaries;
import dev.brindle.lab.cluster.LabMode;
import dev.brindle.lab.cluster.Pod;
import dev.brindle.lab.junit.Needs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6: an agent killed (SIGKILL) and restarted loses no packet of a steady 20 Hz ping between pods on two nodes:
 * the kernel keeps forwarding without the agent, and the new agent adopts what it finds instead of flushing.
 */
@Needs(
        root = true,
        commands = {"ip", "ping", "setsid"})
class AgentRestartIT {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @ParameterizedTest
    @EnumSource(
            value = LabMode.class,
            names = {"VXLAN", "NOENCAP"})
    void killingAndRestartingAnAgentLosesNoPacket(LabMode mode) throws Exception {
        try (E2eLab lab = E2eLab.up("r" + mode.ordinal(), 2, 1, mode)) {
            List<Pod> pods = lab.pods();
            String address = lab.json("node1", "ip", "-j", "-4", "addr", "show", "dev", "eth0")
                            .get(0)
                            .get("addr_info")
                            .get(0)
                            .get("local")
                            .asText()
                    + "/24";
            Process ping = new ProcessBuilder(
                            "ip",
                            "netns",
                            "exec",
                            pods.get(0).namespace(),
                            "ping",
                            "-n",
                            "-i",
                            "0.05",
                            pods.get(1).address())
                    .redirectErrorStream(true)
                    .start();
            Thread.sleep(1000);
            long pid =
                    Long.parseLong(Files.readString(lab.dirs.agentPid("node1")).strip());
            ProcessHandle agent = ProcessHandle.of(pid).orElseThrow();
            agent.destroyForcibly();
            agent.onExit().join();
            Thread.sleep(1000);
            restart(lab, "node1", address);
            await().atMost(Duration.ofSeconds(60)).until(() -> AgentSocket.ready(lab.dirs.agentSocket("node1")));
            // The risky moment is after the restart: BGP back up, End-of-RIB, stale routes swept (RFC 4724 §4.1, §4.2).
            await().atMost(Duration.ofSeconds(60)).until(() -> established(lab, "node1") && established(lab, "node2"));
            Thread.sleep(2000);
            Cmd.run("kill", "-INT", Long.toString(ping.pid())).orThrow();
            String out = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ping.waitFor();
            Matcher m = SUMMARY.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            int sent = Integer.parseInt(m.group(1));
            int received = Integer.parseInt(m.group(2));
            System.out.printf(
                    "%s: agent of node1 killed and restarted under ping: %d/%d lost%n", mode, sent - received, sent);
            assertThat(sent).isGreaterThan(40);
            assertThat(sent - received).as("packets lost across the restart").isZero();
        }
    }

    private static boolean established(E2eLab lab, String node) {
        return AgentSocket.request(lab.dirs.agentSocket(node), "{\"op\":\"nodeStatus\"}")
                .map(a -> a.contains("Established"))
                .orElse(false);
    }

    /** Starts node1's agent again exactly as the lab does, recording its pid where {@code lab down} finds it. */
    private static void restart(E2eLab lab, String node, String address) {
        Path dir = lab.dirs.node(node);
        try {
            Process p = new ProcessBuilder(
                            "ip",
                            "netns",
                            "exec",
                            lab.ns(node),
                            "setsid",
                            Binaries.locate().bin("brindle-node").toString(),
                            "--node-name",
                            node,
                            "--datastore",
                            "file:" + lab.dirs.store(),
                            "--ip",
                            address,
                            "--run-dir",
                            dir.toString(),
                            "--state-dir",
                            dir.resolve("state").toString())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            lab.dirs.agentLog(node).toFile()))
                    .redirectErrorStream(true)
                    .start();
            Files.writeString(lab.dirs.agentPid(node), Long.toString(p.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
