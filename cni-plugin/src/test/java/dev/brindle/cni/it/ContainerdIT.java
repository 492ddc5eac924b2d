package dev.brindle.cni.it;

import static dev.brindle.cni.it.CniHarness.links;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.lab.Cmd;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.junit.Needs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * containerd 1.6 with {@code ctr run --cni} (cni-facts.md §3c) drives brindle: ctr passes the task's
 * {@code /proc/<pid>/ns/net} and, after the task exits, DEL with an empty CNI_NETNS. ctr reads /etc/cni/net.d and
 * /opt/cni/bin only, so the session binds our conflist dir over the first and a tmpfs over /opt, inside the node
 * namespace and a private mount namespace; containerd's state lives in a temp dir and it is stopped by its PID.
 */
@Needs(
        root = true,
        commands = {"containerd", "ctr", "runc", "nsenter", "unshare", "busybox", "/usr/lib/cni/host-local"})
class ContainerdIT {

    @Test
    void aCtrTaskOnBrindleReachesAPodAndTheNodeAndItsExitRunsDel() throws IOException {
        String namespace = "brt-" + ProcessHandle.current().pid() + "-ctr";
        Path c = Files.createTempDirectory(Path.of("/tmp"), "brt-ctr"); // unix socket paths must stay short
        try (var h = new CniHarness("ctr")) {
            String subnet = "10.244.13.0/24";
            Namespace other = h.pod("other");
            String conf = h.conf("1.0.0", subnet, "");
            String otherIp = h.wireDirectly(other, conf);

            Path bin = Files.createDirectories(c.resolve("rootfs/bin"));
            Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
            for (String tool : List.of("sh", "ip", "ping")) {
                Files.createSymbolicLink(bin.resolve(tool), Path.of("busybox"));
            }
            for (String dir : List.of("proc", "sys", "dev", "etc", "tmp")) {
                Files.createDirectories(c.resolve("rootfs").resolve(dir));
            }
            Files.createDirectories(c.resolve("netconf"));
            Files.writeString(
                    c.resolve("netconf/10-brindle.conflist"),
                    "{\"cniVersion\":\"1.0.0\",\"name\":\"brindle-it\","
                            + "\"plugins\":[{\"type\":\"brindle\",\"mtu\":1400,\"ipam\":{\"type\":\"host-local\",\"subnet\":\""
                            + subnet + "\",\"dataDir\":\"" + h.dataDir + "\"}}]}");
            Files.writeString(c.resolve("config.toml"), """
                    version = 2
                    root = "%1$s/root"
                    state = "%1$s/state"
                    [grpc]
                      address = "%1$s/c.sock"
                    [ttrpc]
                      address = "%1$s/c.sock.ttrpc"
                    [debug]
                      address = "%1$s/d.sock"
                    [plugins."io.containerd.internal.v1.opt"]
                      path = "%1$s/opt"
                    """.formatted(c));
            Files.writeString(c.resolve("session.sh"), """
                    set -eu
                    mount --bind %1$s/netconf /etc/cni/net.d
                    mount -t tmpfs brt-opt /opt
                    mkdir -p /opt/cni/bin
                    for p in %2$s/*; do ln -s "$(readlink -f "$p")" /opt/cni/bin/; done
                    containerd --config %1$s/config.toml >%1$s/containerd.log 2>&1 &
                    cpid=$!
                    trap 'kill $cpid; wait $cpid || true' EXIT
                    for i in $(seq 100); do [ -S %1$s/c.sock ] && break; sleep 0.1; done
                    ctr -a %1$s/c.sock -n %3$s run --rm --cni --rootfs %1$s/rootfs t1 /bin/sh -c \\
                        'ip -4 addr show eth0; ip route; ping -c1 -W2 %4$s && echo PING-POD-OK; \\
                         ping -c1 -W2 192.168.77.1 && echo PING-NODE-OK'
                    echo "AFTER-EXIT links: $(ip -o link show | grep -c ': brl' || true)"
                    """.formatted(c, h.binDir, namespace, otherIp));
            Cmd.Result session = h.session(c.resolve("session.sh"));
            CniHarness.assertContainerOnBrindle(session, "10.244.13.");
            String out = session.out();
            assertThat(out)
                    .as("ctr's DEL (CNI_NETNS empty) left one veth: the directly wired pod's")
                    .contains("AFTER-EXIT links: 1");
            assertThat(h.reservedAddresses()).containsExactly(otherIp);
            assertThat(links(h.node, "brl")).hasSize(1);
            h.invoke("brindle", "DEL", conf, "other1", other.path().toString(), "");
        } finally {
            CniHarness.removeCgroups(namespace);
            CniHarness.deleteTree(c);
        }
    }
}
