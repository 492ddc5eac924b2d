package dev.brindle.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.lab.Underlay;
import dev.brindle.lab.junit.Needs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dataplane agent on the real kernel: three node namespaces on an underlay, one agent per node through RtNetlink,
 * a pod per node wired as the CNI plugin does; route tables as CONTRACT.md fixes them and pods pinging each other.
 */
@Needs(
        root = true,
        commands = {"ip", "ping", "nft", "sysctl"})
class DataplaneIT {
    private static final Duration PROGRAMMED = Duration.ofSeconds(10);

    private static List<Underlay.Subnet> oneSubnet() {
        return List.of(new Underlay.Subnet(IpPrefix.parse("192.168.70.0/24"), List.of("n1", "n2", "n3")));
    }

    private static List<Underlay.Subnet> twoSubnets() {
        return List.of(
                new Underlay.Subnet(IpPrefix.parse("192.168.71.0/24"), List.of("n1", "n2")),
                new Underlay.Subnet(IpPrefix.parse("192.168.72.0/24"), List.of("n3")));
    }

    @Test
    void noEncapRoutesViaPeersOnTheUnderlayAndPodsReachEachOther() {
        try (KernelLab lab = new KernelLab("dpnoencap", oneSubnet(), EncapMode.Never, EncapMode.Never)) {
            lab.startAll();

            await().atMost(PROGRAMMED).until(() -> lab.routes("n1").size() == 3);
            assertThat(lab.routes("n1"))
                    .containsExactlyInAnyOrder(
                            "blackhole 10.244.0.0/26",
                            "10.244.0.64/26 via 192.168.70.11 dev eth0",
                            "10.244.0.128/26 via 192.168.70.12 dev eth0");
            await().atMost(PROGRAMMED).until(lab::allPodsReachEachOther);
            assertThat(lab.agent("n1").status().ready()).isTrue();
        }
    }

    @Test
    void vxlanProgramsTheDeviceVtepsAndOnlinkRoutesAndPodsReachEachOther() {
        try (KernelLab lab = new KernelLab("dpvxlan", oneSubnet(), EncapMode.Never, EncapMode.Always)) {
            lab.startAll();

            await().atMost(PROGRAMMED).until(() -> lab.routes("n1").size() == 3);
            assertThat(lab.routes("n1"))
                    .containsExactlyInAnyOrder(
                            "blackhole 10.244.0.0/26",
                            "10.244.0.64/26 via 10.244.0.64 dev vxlan.brindle onlink",
                            "10.244.0.128/26 via 10.244.0.128 dev vxlan.brindle onlink");
            var n1 = lab.node("n1").namespace();
            String dev = n1.ok("ip", "-d", "link", "show", "vxlan.brindle");
            assertThat(dev)
                    .contains("mtu 1450", "vxlan id 4096", "dstport 4789", "local 192.168.70.10", "dev eth0")
                    .contains("link/ether " + VtepMac.of("n1"))
                    .contains("nolearning");
            assertThat(n1.ok("ip", "-4", "addr", "show", "dev", "vxlan.brindle"))
                    .contains("10.244.0.0/32");
            assertThat(n1.ok("ip", "neigh", "show", "dev", "vxlan.brindle"))
                    .contains("10.244.0.64 lladdr " + VtepMac.of("n2") + " PERMANENT");
            assertThat(n1.ok("bridge", "fdb", "show", "dev", "vxlan.brindle"))
                    .contains(VtepMac.of("n3") + " dst 192.168.70.12 self permanent");
            await().atMost(PROGRAMMED).until(lab::allPodsReachEachOther);
        }
    }

    @Test
    void vxlanCrossSubnetGoesDirectInsideTheSubnetAndTunnelsThroughTheRouter() {
        try (KernelLab lab = new KernelLab("dpxsub", twoSubnets(), EncapMode.Never, EncapMode.CrossSubnet)) {
            lab.startAll();

            await().atMost(PROGRAMMED).until(() -> lab.routes("n1").size() == 3);
            assertThat(lab.routes("n1"))
                    .containsExactlyInAnyOrder(
                            "blackhole 10.244.0.0/26",
                            "10.244.0.64/26 via 192.168.71.11 dev eth0",
                            "10.244.0.128/26 via 10.244.0.128 dev vxlan.brindle onlink");
            await().atMost(PROGRAMMED).until(lab::allPodsReachEachOther);
        }
    }

    @Test
    void aHandDeletedRouteIsBackWithinASecondAndAnAgentRestartAdoptsTheKernel() {
        try (KernelLab lab = new KernelLab("dpheal", oneSubnet(), EncapMode.Never, EncapMode.Always)) {
            lab.startAll();
            await().atMost(PROGRAMMED).until(() -> lab.routes("n1").size() == 3);
            var n1 = lab.node("n1").namespace();

            n1.ok("ip", "route", "del", "10.244.0.64/26");
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> lab.routes("n1").contains("10.244.0.64/26 via 10.244.0.64 dev vxlan.brindle onlink"));

            n1.ok("ip", "route", "add", "10.99.0.0/24", "via", "192.168.70.1", "proto", "static");
            lab.stop("n1");
            String ifindexBefore = n1.ok("cat", "/sys/class/net/vxlan.brindle/ifindex");
            DataplaneAgent again = lab.start("n1");
            await().atMost(PROGRAMMED).until(() -> again.status().reconciles() > 0);
            assertThat(lab.routes("n1")).hasSize(3);
            assertThat(n1.ok("cat", "/sys/class/net/vxlan.brindle/ifindex"))
                    .as("the device was adopted, not recreated")
                    .isEqualTo(ifindexBefore);
            assertThat(n1.ok("ip", "route", "show", "10.99.0.0/24"))
                    .as("foreign routes untouched")
                    .contains("via");
        }
    }

    @Test
    void aLiveModeSwitchReprogramsEveryNodeAndNatOutgoingGetsItsTable() {
        try (KernelLab lab = new KernelLab("dpswitch", oneSubnet(), EncapMode.Never, EncapMode.Never)) {
            lab.startAll();
            await().atMost(PROGRAMMED).until(lab::allPodsReachEachOther);

            lab.setModes(EncapMode.Never, EncapMode.Always, true);

            await().atMost(PROGRAMMED)
                    .until(() -> lab.nodes().stream()
                            .allMatch(n -> lab.routes(KernelLab.nodeName(n)).stream()
                                            .filter(r -> r.contains("vxlan.brindle"))
                                            .count()
                                    == 2));
            await().atMost(PROGRAMMED).until(lab::allPodsReachEachOther);
            String table = lab.node("n2").namespace().ok("nft", "list", "table", "ip", "brindle");
            assertThat(table).contains("10.244.0.0/16").contains("masquerade");

            lab.setModes(EncapMode.Never, EncapMode.Never, false);
            await().atMost(PROGRAMMED)
                    .until(() -> lab.node("n2")
                                    .namespace()
                                    .exec("ip", "link", "show", "vxlan.brindle")
                                    .exit()
                            != 0);
            await().atMost(PROGRAMMED)
                    .until(() -> !lab.node("n2")
                            .namespace()
                            .ok("nft", "list", "tables")
                            .contains("brindle"));
            await().atMost(PROGRAMMED).until(lab::allPodsReachEachOther);
        }
    }
}
