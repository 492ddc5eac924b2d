package dev.brindle.agent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.datastore.resource.BGPConfiguration;
import dev.brindle.datastore.resource.BGPPeer;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.datastore.resource.Node;
import dev.brindle.datastore.selector.Selector;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerPlanTest {
    private final List<Node> nodes = new ArrayList<>(List.of(
            node("a", "10.0.0.1/24", Map.of("rack", "1")),
            node("b", "10.0.0.2/24", Map.of("rack", "1")),
            node("c", "10.0.0.3/24", Map.of("rack", "2"))));

    private static Node node(String name, String address, Map<String, String> labels) {
        Node n = Node.of(name, AddressWithPrefix.parse(address));
        return n.withMetadata(n.metadata().withLabels(labels));
    }

    private static InetAddress ip(String s) {
        return IpAddresses.parse(s);
    }

    private static BGPConfiguration global(long as, boolean mesh, int port) {
        return new BGPConfiguration(Metadata.named("default"), new BGPConfiguration.Spec(as, mesh, null, port, null));
    }

    private static BGPPeer peer(String name, BGPPeer.Spec spec) {
        return new BGPPeer(Metadata.named(name), spec);
    }

    @Test
    void byDefaultEveryOtherNodeIsAMeshPeerInAs64512OnPort179() {
        PeerPlan plan = PeerPlan.compute("a", nodes, Optional.empty(), List.of());

        assertThat(plan.localAs()).isEqualTo(64512);
        assertThat(plan.port()).isEqualTo(179);
        assertThat(plan.peers()).containsOnlyKeys(ip("10.0.0.2"), ip("10.0.0.3"));
        assertThat(plan.peers().values()).allSatisfy(p -> {
            assertThat(p.remoteAs()).isEqualTo(64512);
            assertThat(p.port()).isEqualTo(179);
        });
        // Calico's rule: the side with the lower address string waits, so both ends agree on one connection.
        assertThat(plan.peers().get(ip("10.0.0.2")).passive()).isTrue();
        assertThat(PeerPlan.compute("b", nodes, Optional.empty(), List.of())
                        .peers()
                        .get(ip("10.0.0.1"))
                        .passive())
                .isFalse();
    }

    @Test
    void bgpConfigurationSetsTheAsAndPortAndCanTurnTheMeshOff() {
        PeerPlan plan = PeerPlan.compute("a", nodes, Optional.of(global(65001, true, 1790)), List.of());
        assertThat(plan.localAs()).isEqualTo(65001);
        assertThat(plan.peers().values()).extracting(PeerConfig::port).containsOnly(1790);

        assertThat(PeerPlan.compute("a", nodes, Optional.of(global(65001, false, 179)), List.of())
                        .peers())
                .isEmpty();
    }

    @Test
    void aNodesOwnAsWinsOverTheClusters() {
        nodes.replaceAll(n -> n.name().equals("a")
                ? n.withSpec(new Node.Spec(n.spec().ipv4Address(), null, 65100L, null, null, null, null, null))
                : n);

        assertThat(PeerPlan.compute("a", nodes, Optional.empty(), List.of()).localAs())
                .isEqualTo(65100);
        assertThat(PeerPlan.compute("b", nodes, Optional.empty(), List.of())
                        .peers()
                        .get(ip("10.0.0.1"))
                        .remoteAs())
                .isEqualTo(65100);
    }

    @Test
    void bgpPeersApplyByNodeOrSelectorAndReachByAddressOrPeerSelector() {
        BGPPeer tor =
                peer("tor", new BGPPeer.Spec(null, Selector.parse("rack == '1'"), "192.0.2.1:1179", 65000, null, null));
        BGPPeer onlyC = peer("only-c", new BGPPeer.Spec("c", null, "192.0.2.9", 65009, null, null));
        BGPPeer rack2 = peer("rack2", new BGPPeer.Spec(null, null, null, 0, null, Selector.parse("rack == '2'")));

        PeerPlan a = PeerPlan.compute("a", nodes, Optional.of(global(64512, false, 179)), List.of(tor, onlyC, rack2));

        assertThat(a.peers()).containsOnlyKeys(ip("192.0.2.1"), ip("10.0.0.3"));
        assertThat(a.peers().get(ip("192.0.2.1")).port()).isEqualTo(1179);
        assertThat(a.peers().get(ip("192.0.2.1")).remoteAs()).isEqualTo(65000);
        PeerPlan c = PeerPlan.compute("c", nodes, Optional.of(global(64512, false, 179)), List.of(tor, onlyC, rack2));
        assertThat(c.peers()).containsOnlyKeys(ip("192.0.2.9")); // c never peers with itself
    }

    @Test
    void aRouteReflectorTreatsNodesWithoutClusterIdAsClients() {
        nodes.replaceAll(n -> n.name().equals("a")
                ? n.withSpec(new Node.Spec(n.spec().ipv4Address(), null, null, null, null, null, "1.0.0.1", null))
                : n);

        PeerPlan plan = PeerPlan.compute("a", nodes, Optional.empty(), List.of());

        assertThat(plan.peers().values()).allMatch(PeerConfig::reflectorClient);
        assertThat(PeerPlan.compute("b", nodes, Optional.empty(), List.of())
                        .peers()
                        .values())
                .noneMatch(PeerConfig::reflectorClient);
    }

    @Test
    void aNodeWithoutAddressHasNoPeersYet() {
        nodes.replaceAll(
                n -> n.name().equals("a") ? n.withSpec(Node.of("a", null).spec()) : n);

        assertThat(PeerPlan.compute("a", nodes, Optional.empty(), List.of()).peers())
                .isEmpty();
    }
}
