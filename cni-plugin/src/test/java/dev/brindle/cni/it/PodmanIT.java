package dev.brindle.cni.it;

import static dev.brindle.cni.it.CniHarness.links;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.cni.dataplane.VethName;
import dev.brindle.lab.Cmd;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.junit.Needs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real container runtime drives brindle: podman 4 with its CNI backend (cni-facts.md §3b) starts a busybox
 * container on a brindle network, the container reaches a pod that brindle wired directly and the node, and
 * {@code --rm} makes podman run DEL when the container stops. podman runs inside the node namespace and a private
 * mount namespace (tmpfs over /run/netns and /var/lib, where podman and libcni keep their netns files and cache);
 * its storage and config live in the test's temp dir.
 */
@Needs(
        root = true,
        commands = {"podman", "runc", "nsenter", "unshare", "busybox", "/usr/lib/cni/host-local"})
class PodmanIT {

    @Test
    void aPodmanContainerOnBrindleReachesAPodAndTheNodeAndStoppingItRunsDel() throws IOException {
        String cgroup = "brt-" + ProcessHandle.current().pid() + "-podman";
        Path podmanDir = null;
        try (var h = new CniHarness("podman")) {
            String subnet = "10.244.12.0/24";
            Namespace other = h.pod("other");
            String conf = h.conf("1.0.0", subnet, "");
            String otherIp = h.wireDirectly(other, conf);

            // podman refuses a runroot path longer than 50 characters: a short temp dir of its own
            Path p = Files.createTempDirectory(Path.of("/tmp"), "brt-pm");
            podmanDir = p;
            writeRootfs(p);
            Files.createDirectories(p.resolve("netconf"));
            Files.writeString(
                    p.resolve("netconf/10-brindle.conflist"),
                    "{\"cniVersion\":\"1.0.0\",\"name\":\"brindle-it\","
                            + "\"plugins\":[{\"type\":\"brindle\",\"mtu\":1400,\"log_level\":\"info\",\"ipam\":{\"type\":\"host-local\","
                            + "\"subnet\":\"" + subnet + "\",\"dataDir\":\"" + h.dataDir + "\"}}]}");
            Files.writeString(p.resolve("containers.conf"), """
                    [containers]
                    netns = "private"
                    default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
                    [network]
                    network_backend = "cni"
                    cni_plugin_dirs = ["%1$s"]
                    network_config_dir = "%2$s/netconf"
                    [engine]
                    cgroup_manager = "cgroupfs"
                    events_logger = "file"
                    runtime = "runc"
                    tmp_dir = "%2$s/tmp"
                    static_dir = "%2$s/root/libpod"
                    volume_path = "%2$s/root/volumes"
                    """.formatted(h.binDir, p));
            Files.writeString(p.resolve("session.sh"), """
                    set -eu
                    mount -t tmpfs brt-netns /run/netns
                    mount -t tmpfs brt-varlib /var/lib
                    export CONTAINERS_CONF=%1$s/containers.conf
                    pm() { podman --root %1$s/root --runroot %1$s/runroot --storage-driver overlay --network-backend cni \\
                        --cni-config-dir %1$s/netconf --cgroup-manager cgroupfs --events-backend file --tmpdir %1$s/tmp "$@"; }
                    pm import --change 'CMD ["/bin/sh"]' %1$s/rootfs.tar localhost/brt-busybox:latest >/dev/null
                    pm run --rm --cgroup-parent=/%2$s --network brindle-it localhost/brt-busybox sh -c \\
                        'ip -4 addr show eth0; ip route; ping -c1 -W2 %3$s && echo PING-POD-OK; \\
                         ping -c1 -W2 192.168.77.1 && echo PING-NODE-OK'
                    echo "AFTER-STOP links: $(ip -o link show | grep -c ': brl' || true)"
                    """.formatted(p, cgroup, otherIp));
            Cmd.Result session = h.session(p.resolve("session.sh"));
            CniHarness.assertContainerOnBrindle(session, "10.244.12.");
            String out = session.out();
            // only the directly wired pod is left: podman's DEL removed its container's veth and address
            assertThat(out).contains("AFTER-STOP links: 1");
            assertThat(links(h.node, "brl")).containsExactly(VethName.forPod("brl", "default", "other"));
            assertThat(h.reservedAddresses()).containsExactly(otherIp);
            h.invoke("brindle", "DEL", conf, "other1", other.path().toString(), "");
        } finally {
            CniHarness.removeCgroups(cgroup);
            if (podmanDir != null) {
                CniHarness.deleteTree(podmanDir);
            }
        }
    }

    /** A busybox root filesystem as a tarball for {@code podman import}. */
    private static void writeRootfs(Path p) throws IOException {
        Path bin = Files.createDirectories(p.resolve("rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        for (String tool : List.of("sh", "ip", "ping", "cat", "sleep", "ls")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("busybox"));
        }
        Cmd.run(
                        "tar",
                        "-C",
                        p.resolve("rootfs").toString(),
                        "-cf",
                        p.resolve("rootfs.tar").toString(),
                        ".")
                .orThrow();
    }
}
