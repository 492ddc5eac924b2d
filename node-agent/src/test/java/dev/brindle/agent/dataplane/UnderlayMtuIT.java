package dev.brindle.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import dev.brindle.lab.Underlay;
import dev.brindle.lab.junit.Needs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code brindle-node} in a node namespace on a VXLAN pool: when the underlay veth's MTU changes, the agent
 * reprograms {@code vxlan.brindle} to underlay − 50 and offers that MTU to the CNI plugin ({@code status}), reacting to
 * the link notification (the full resync is 90 s away, longer than the wait).
 */
@Needs(
        root = true,
        commands = {"ip"})
class UnderlayMtuIT {
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Duration FOLLOW = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void vxlanDeviceAndPodMtuFollowTheUnderlayMtu() throws Exception {
        String store = NodeProcesses.fileStore(dir, s -> s.withEncapsulation(EncapMode.Never, EncapMode.Always));
        try (NamespaceSet set = NamespaceSet.create("agentmtu")) {
            Underlay underlay =
                    Underlay.build(set, List.of(new Underlay.Subnet(IpPrefix.parse("192.168.93.0/24"), List.of("n1"))));
            Underlay.Node n1 = underlay.node("n1");
            Namespace ns = n1.namespace();
            Process agent = NodeProcesses.start(n1, store, dir);
            try {
                Path socket = NodeProcesses.socket(dir, "n1");
                await().atMost(SETTLE).until(() -> Files.exists(socket));
                await().atMost(SETTLE).until(() -> vxlanMtu(ns) == 1450);
                assertThat(podMtu(socket)).isEqualTo(1450);

                ns.ok("ip", "link", "set", "dev", n1.device(), "mtu", "1400");
                await().atMost(FOLLOW).until(() -> vxlanMtu(ns) == 1350);
                assertThat(podMtu(socket)).isEqualTo(1350);

                ns.ok("ip", "link", "set", "dev", n1.device(), "mtu", "9000");
                await().atMost(FOLLOW).until(() -> vxlanMtu(ns) == 8950);
                assertThat(podMtu(socket)).isEqualTo(8950);
            } finally {
                agent.destroy();
                agent.waitFor();
            }
        }
    }

    /** {@code vxlan.brindle}'s MTU from sysfs, -1 while it does not exist. */
    private static int vxlanMtu(Namespace ns) {
        var r = ns.exec("cat", "/sys/class/net/" + VxlanDevice.NAME + "/mtu");
        return r.exit() == 0 ? Integer.parseInt(r.out().strip()) : -1;
    }

    private static int podMtu(Path socket) throws Exception {
        return NodeProcesses.request(socket, "{\"op\":\"status\"}").path("mtu").asInt();
    }
}
