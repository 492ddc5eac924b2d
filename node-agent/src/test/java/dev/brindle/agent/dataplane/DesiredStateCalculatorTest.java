package dev.brindle.agent.dataplane;

import static dev.brindle.agent.dataplane.Cluster.A;
import static dev.brindle.agent.dataplane.Cluster.B;
import static dev.brindle.agent.dataplane.Cluster.BLOCK_A;
import static dev.brindle.agent.dataplane.Cluster.BLOCK_B;
import static dev.brindle.agent.dataplane.Cluster.BLOCK_C;
import static dev.brindle.agent.dataplane.Cluster.C;
import static dev.brindle.agent.dataplane.Cluster.POOL;
import static dev.brindle.agent.dataplane.Cluster.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.IpPrefix;
import dev.brindle.core.MacAddress;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.EncapMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DesiredStateCalculatorTest {
    private static List<String> routes(DesiredState s) {
        return s.routes().values().stream().map(DesiredRoute::toString).toList();
    }

    @Nested
    class NoEncap {
        @Test
        void fromTheDatastoreEveryRemoteBlockGoesViaItsNodeOnTheUnderlay() {
            DesiredState s =
                    Cluster.threeNodes(EncapMode.Never, EncapMode.Never).desired(RouteSource.DATASTORE, false);

            assertThat(routes(s))
                    .containsExactly(
                            "blackhole 10.244.0.0/26 proto brindle",
                            "10.244.0.64/26 via 10.0.0.2 dev eth0 proto brindle");
            assertThat(s.vxlan()).isEmpty();
            assertThat(s.tunl0()).isEmpty();
            assertThat(s.vteps()).isEmpty();
            assertThat(s.announcements()).containsExactly(BLOCK_A);
        }

        @Test
        void aPeerOutsideOurSubnetCannotBeReachedWithoutEncapsulationAndIsReported() {
            DesiredState s =
                    Cluster.threeNodes(EncapMode.Never, EncapMode.Never).desired(RouteSource.DATASTORE, false);

            assertThat(s.routes()).doesNotContainKey(BLOCK_C);
            assertThat(s.problems())
                    .singleElement()
                    .asString()
                    .contains("10.244.0.128/26", "10.0.1.3", "10.0.0.0/24", "CrossSubnet");
        }

        @Test
        void withBgpOnlyLearnedRoutesInsideAPoolBecomeKernelRoutes() {
            Cluster c = Cluster.threeNodes(EncapMode.Never, EncapMode.Never);
            assertThat(routes(c.desired(Map.of()))).containsExactly("blackhole 10.244.0.0/26 proto brindle");

            DesiredState s = c.desired(Map.of(
                    BLOCK_B,
                    ip("10.0.0.2"),
                    IpPrefix.parse("192.168.7.0/24"),
                    ip("10.0.0.2"), // not in any pool
                    BLOCK_A,
                    ip("10.0.0.9"), // a peer claiming our own block: the blackhole stays
                    BLOCK_C,
                    ip("10.0.0.1"))); // our own address as next hop
            assertThat(routes(s))
                    .containsExactly(
                            "blackhole 10.244.0.0/26 proto brindle",
                            "10.244.0.64/26 via 10.0.0.2 dev eth0 proto brindle");
        }
    }

    @Nested
    class Ipip {
        @Test
        void alwaysUsesTunl0OnlinkViaTheNodeAddressAndConfiguresTunl0() {
            DesiredState s =
                    Cluster.threeNodes(EncapMode.Always, EncapMode.Never).desired(RouteSource.DATASTORE, true);

            assertThat(routes(s))
                    .containsExactly(
                            "blackhole 10.244.0.0/26 proto brindle",
                            "10.244.0.64/26 via 10.0.0.2 dev tunl0 proto brindle onlink",
                            "10.244.0.128/26 via 10.0.1.3 dev tunl0 proto brindle onlink");
            assertThat(s.tunl0()).contains(new Tunl0Device(java.util.Optional.of(ip("10.244.0.1")), 1480));
            assertThat(s.count(RouteKind.IPIP)).isEqualTo(2);
        }

        @Test
        void crossSubnetGoesDirectInsideOurPrefixAndTunnelsOutsideIt() {
            Cluster c = Cluster.threeNodes(EncapMode.CrossSubnet, EncapMode.Never);

            assertThat(routes(c.desired(RouteSource.DATASTORE, true)))
                    .containsExactly(
                            "blackhole 10.244.0.0/26 proto brindle",
                            "10.244.0.64/26 via 10.0.0.2 dev eth0 proto brindle",
                            "10.244.0.128/26 via 10.0.1.3 dev tunl0 proto brindle onlink");
            assertThat(routes(c.desired(Map.of(BLOCK_B, ip("10.0.0.2"), BLOCK_C, ip("10.0.1.3")))))
                    .containsExactly(
                            "blackhole 10.244.0.0/26 proto brindle",
                            "10.244.0.64/26 via 10.0.0.2 dev eth0 proto brindle",
                            "10.244.0.128/26 via 10.0.1.3 dev tunl0 proto brindle onlink");
        }

        @Test
        void withoutTheModuleNothingOfThePoolIsProgrammedAndTheReasonIsReported() {
            DesiredState s =
                    Cluster.threeNodes(EncapMode.CrossSubnet, EncapMode.Never).desired(RouteSource.DATASTORE, false);

            assertThat(routes(s)).containsExactly("blackhole 10.244.0.0/26 proto brindle");
            assertThat(s.tunl0()).isEmpty();
            assertThat(s.problems())
                    .singleElement()
                    .asString()
                    .contains("IPPool default", "ipipMode CrossSubnet", "no ipip module", "vxlanMode");
        }
    }

    @Nested
    class Vxlan {
        @Test
        void alwaysRoutesViaRemoteVtepsFromTheDatastoreEvenWithoutBgp() {
            DesiredState s =
                    Cluster.threeNodes(EncapMode.Never, EncapMode.Always).desired(Map.of());

            assertThat(routes(s))
                    .containsExactly(
                            "blackhole 10.244.0.0/26 proto brindle",
                            "10.244.0.64/26 via 10.244.0.64 dev vxlan.brindle proto brindle onlink",
                            "10.244.0.128/26 via 10.244.0.128 dev vxlan.brindle proto brindle onlink");
            VxlanDevice dev = s.vxlan().orElseThrow();
            assertThat(dev.mtu()).isEqualTo(1450);
            assertThat(dev.local()).isEqualTo(ip("10.0.0.1"));
            assertThat(dev.parent()).isEqualTo("eth0");
            assertThat(dev.vtepAddress()).isEqualTo(ip("10.244.0.0"));
            assertThat(dev.mac()).isEqualTo(VtepMac.of(A));
            assertThat(s.vteps())
                    .containsExactlyInAnyOrder(
                            new VtepPeer(B, ip("10.244.0.64"), VtepMac.of(B), ip("10.0.0.2")),
                            new VtepPeer(C, ip("10.244.0.128"), VtepMac.of(C), ip("10.0.1.3")));
        }

        @Test
        void theDeviceMtuFollowsTheUnderlayMtu() {
            Cluster vxlan = Cluster.threeNodes(EncapMode.Never, EncapMode.Always);
            Cluster ipip = Cluster.threeNodes(EncapMode.Always, EncapMode.Never);
            DataplaneOptions withModule = new DataplaneOptions(RouteSource.DATASTORE, true);
            for (int underlay : new int[] {1400, 9000}) {
                LocalNode me = new LocalNode(A, Cluster.ME.address(), "eth0", underlay);
                assertThat(DesiredStateCalculator.compute(vxlan.snapshot(), me, Map.of(), withModule)
                                .vxlan()
                                .orElseThrow()
                                .mtu())
                        .isEqualTo(underlay - 50);
                assertThat(DesiredStateCalculator.compute(ipip.snapshot(), me, Map.of(), withModule)
                                .tunl0()
                                .orElseThrow()
                                .mtu())
                        .isEqualTo(underlay - 20);
            }
        }

        @Test
        void bgpRoutesForVxlanPoolsAreIgnored() {
            DesiredState s =
                    Cluster.threeNodes(EncapMode.Never, EncapMode.Always).desired(Map.of(BLOCK_B, ip("10.0.0.2")));

            assertThat(s.routes().get(BLOCK_B).kind()).isEqualTo(RouteKind.VXLAN);
        }

        @Test
        void crossSubnetGoesDirectInsideOurPrefix() {
            DesiredState s =
                    Cluster.threeNodes(EncapMode.Never, EncapMode.CrossSubnet).desired(Map.of());

            assertThat(routes(s))
                    .containsExactly(
                            "blackhole 10.244.0.0/26 proto brindle",
                            "10.244.0.64/26 via 10.0.0.2 dev eth0 proto brindle",
                            "10.244.0.128/26 via 10.244.0.128 dev vxlan.brindle proto brindle onlink");
            assertThat(s.vteps()).hasSize(2);
        }

        @Test
        void aMacInTheNodeRecordWinsOverTheDerivedOne() {
            Cluster c = Cluster.threeNodes(EncapMode.Never, EncapMode.Always);
            MacAddress mac = MacAddress.parse("02:00:00:00:00:0b");
            c.nodes.replaceAll(n -> n.name().equals(B)
                    ? n.withSpec(n.spec().withVxlanTunnel(n.spec().ipv4VXLANTunnelAddr(), mac))
                    : n);

            assertThat(c.desired(Map.of()).vteps()).extracting(VtepPeer::mac).contains(mac, VtepMac.of(C));
        }

        @Test
        void withoutOurVtepAddressNoDeviceNoVxlanRoutesAndAReason() {
            Cluster c = Cluster.threeNodes(EncapMode.Never, EncapMode.Always).node(A, "10.0.0.1/24", null, null);
            DesiredState s = c.desired(Map.of());

            assertThat(s.vxlan()).isEmpty();
            assertThat(s.vteps()).isEmpty();
            assertThat(s.count(RouteKind.VXLAN)).isZero();
            assertThat(s.problems()).anySatisfy(p -> assertThat(p).contains(A, "VXLAN tunnel address"));
            // Just switched to VXLAN: whatever route the kernel has to the remote blocks carries traffic meanwhile.
            assertThat(s.held()).contains(BLOCK_B, BLOCK_C);
        }

        @Test
        void aPeerWithoutVtepAddressIsWaitedFor() {
            Cluster c = Cluster.threeNodes(EncapMode.Never, EncapMode.Always).node(C, "10.0.1.3/24", null, null);
            DesiredState s = c.desired(Map.of());

            assertThat(s.routes()).doesNotContainKey(BLOCK_C).containsKey(BLOCK_B);
            assertThat(s.vteps()).extracting(VtepPeer::node).containsExactly(B);
            assertThat(s.problems()).isEmpty(); // another node's delay is not this node's readiness problem
            assertThat(s.waiting()).anySatisfy(p -> assertThat(p).contains(C, "no VXLAN tunnel address"));
            assertThat(s.held()).containsExactly(BLOCK_C);
        }
    }

    @Test
    void theDerivedVtepMacIs66AndTheFirstFiveBytesOfSha1OfTheName() {
        // sha1("node-a") = 0702c1cc60... (python3 hashlib)
        assertThat(VtepMac.of("node-a")).isEqualTo(MacAddress.parse("66:07:02:c1:cc:60"));
    }

    @Test
    void natOutgoingPoolsAreMasqueradedTowardsEverythingOutsideAllPools() {
        Cluster c = Cluster.threeNodes(EncapMode.Never, EncapMode.Always)
                .pool("other", IpPrefix.parse("10.96.0.0/16"), EncapMode.Never, EncapMode.Never)
                .editPool("default", s -> s.withNatOutgoing(true));
        NatRules nat = c.desired(Map.of()).nat();

        assertThat(nat.masqueradePools()).containsExactly(POOL);
        assertThat(nat.allPools()).containsExactly(IpPrefix.parse("10.96.0.0/16"), POOL);
        assertThat(Cluster.threeNodes(EncapMode.Never, EncapMode.Never)
                        .desired(Map.of())
                        .nat()
                        .empty())
                .isTrue();
    }

    @Test
    void disableBgpExportKeepsTheBlackholeButAnnouncesNothing() {
        Cluster c = Cluster.threeNodes(EncapMode.Never, EncapMode.Never);
        c.pools.replaceAll(p -> p.withSpec(new dev.brindle.datastore.resource.IPPool.Spec(
                POOL, 26, null, null, false, false, true, null, null, null)));
        DesiredState s = c.desired(Map.of());

        assertThat(s.routes()).containsKey(BLOCK_A);
        assertThat(s.announcements()).isEmpty();
    }

    @Test
    void borrowedAddressesGetHostRoutesToTheirHolderAndOursAreAnnounced() {
        Cluster c = Cluster.threeNodes(EncapMode.Never, EncapMode.Always)
                .allocate(BLOCK_B, 5, C) // 10.244.0.69 lives on node-c
                .allocate(BLOCK_B, 6, A) // 10.244.0.70 lives on us
                .allocate(BLOCK_B, 7, B);
        DesiredState s = c.desired(Map.of());

        assertThat(s.routes().get(IpPrefix.parse("10.244.0.69/32")))
                .hasToString("10.244.0.69/32 via 10.244.0.128 dev vxlan.brindle proto brindle onlink");
        assertThat(s.routes()).doesNotContainKeys(IpPrefix.parse("10.244.0.70/32"), IpPrefix.parse("10.244.0.71/32"));
        assertThat(s.announcements()).containsExactly(BLOCK_A, IpPrefix.parse("10.244.0.70/32"));
    }

    @Test
    void aBlockWhoseAffinityIsStillPendingIsNotRouted() {
        Cluster c = Cluster.oneSubnet(EncapMode.Never, EncapMode.Never);
        c.affinities.replaceAll(a -> a.spec().cidr().equals(BLOCK_B) ? a.withState(BlockAffinity.State.pending) : a);

        assertThat(c.desired(RouteSource.DATASTORE, false).routes()).containsOnlyKeys(BLOCK_A, BLOCK_C);
    }

    @Test
    void aNodeWithoutRecordIsWaitedForAndItsBlocksAreNotRouted() {
        Cluster c = Cluster.threeNodes(EncapMode.Never, EncapMode.Never);
        c.nodes.removeIf(n -> n.name().equals(C));
        DesiredState s = c.desired(RouteSource.DATASTORE, false);

        assertThat(s.routes()).containsOnlyKeys(BLOCK_A, BLOCK_B);
        assertThat(s.problems()).isEmpty();
        assertThat(s.waiting()).singleElement().asString().contains(C, "no Node record");
        assertThat(s.held())
                .as("a node without a record is gone: its routes go too")
                .isEmpty();
    }

    @Test
    void noPoolWithEncapsulationMeansNoDevices() {
        DesiredState s = Cluster.threeNodes(EncapMode.Never, EncapMode.Never).desired(RouteSource.DATASTORE, true);

        assertThat(s.vxlan()).isEmpty();
        assertThat(s.tunl0()).isEmpty();
    }
}
