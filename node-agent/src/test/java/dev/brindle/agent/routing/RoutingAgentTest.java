package dev.brindle.agent.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.agent.dataplane.DataplaneAgent;
import dev.brindle.agent.dataplane.DataplaneConfig;
import dev.brindle.agent.dataplane.NatRules;
import dev.brindle.agent.dataplane.NatTable;
import dev.brindle.agent.dataplane.RouteSource;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.BGPConfiguration;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.datastore.resource.Node;
import dev.brindle.netlink.FakeNetlink;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteProtocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes with real BGP speakers peering over loopback (127.0.0.1 and 127.0.0.2), a shared datastore, and fake
 * kernels: blocks announced by one node become kernel routes on the other, and a restart keeps them.
 */
class RoutingAgentTest {
    private static final IpPrefix BLOCK_A = IpPrefix.parse("10.244.0.0/26");
    private static final IpPrefix BLOCK_B = IpPrefix.parse("10.244.0.64/26");
    private static final NatTable NO_NAT = (NatRules r) -> {};

    private final Datastore store = Datastores.inMemory();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final FakeNetlink kernelA = kernel("127.0.0.1/8");
    private final FakeNetlink kernelB = kernel("127.0.0.2/8");
    private DataplaneAgent lastDataplane;

    private static FakeNetlink kernel(String address) {
        FakeNetlink k = new FakeNetlink();
        k.addUplink("eth0", AddressWithPrefix.parse(address));
        return k;
    }

    @BeforeEach
    void setUp() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        store.create(IPPool.of("default", "10.244.0.0/16"));
        store.create(new BGPConfiguration(
                Metadata.named("default"), new BGPConfiguration.Spec(64512, true, null, port, null)));
        store.create(Node.of("a", AddressWithPrefix.parse("127.0.0.1/8")));
        store.create(Node.of("b", AddressWithPrefix.parse("127.0.0.2/8")));
        block(BLOCK_A, "a");
        block(BLOCK_B, "b");
    }

    private void block(IpPrefix cidr, String node) {
        store.create(IPAMBlock.empty(cidr, node, 0, Instant.EPOCH));
        store.create(BlockAffinity.pending(node, cidr).withState(BlockAffinity.State.confirmed));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
    }

    private RoutingAgent node(String name, FakeNetlink kernel, String address) {
        AddressWithPrefix a = AddressWithPrefix.parse(address);
        DataplaneConfig config =
                new DataplaneConfig(RouteSource.BGP, Duration.ofSeconds(90), Duration.ofMillis(100), NO_NAT);
        DataplaneAgent dataplane = new DataplaneAgent(store, kernel, name, a, config);
        RoutingAgent routing =
                new RoutingAgent(store, dataplane, name, a, new RoutingConfig(120, Duration.ofSeconds(30)));
        dataplane.start();
        routing.start();
        running.add(dataplane);
        lastDataplane = dataplane;
        running.add(routing);
        return routing;
    }

    private static Optional<Route> route(FakeNetlink kernel, IpPrefix destination) {
        return kernel.listRoutes(RouteFilter.main().family(IpFamily.V4).protocol(RouteProtocol.BRINDLE)).stream()
                .filter(r -> r.destination().equals(destination))
                .findFirst();
    }

    @Test
    void eachNodesBlocksBecomeRoutesOnTheOtherViaBgp() {
        RoutingAgent a = node("a", kernelA, "127.0.0.1/8");
        RoutingAgent b = node("b", kernelB, "127.0.0.2/8");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> route(kernelA, BLOCK_B).isPresent());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> route(kernelB, BLOCK_A).isPresent());
        assertThat(route(kernelA, BLOCK_B).get().gateway()).contains(IpAddresses.parse("127.0.0.2"));
        assertThat(route(kernelB, BLOCK_A).get().gateway()).contains(IpAddresses.parse("127.0.0.1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.sessionsUp() && b.sessionsUp());
        assertThat(a.peerStatus())
                .singleElement()
                .satisfies(s -> assertThat(s.prefixesReceived()).isEqualTo(1));
    }

    @Test
    void aReleasedBlockIsWithdrawnAndItsRouteGoes() {
        node("a", kernelA, "127.0.0.1/8");
        node("b", kernelB, "127.0.0.2/8");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> route(kernelA, BLOCK_B).isPresent());

        store.delete(Kind.IPAM_BLOCK, IPAMBlock.nameFor(BLOCK_B));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> route(kernelA, BLOCK_B).isEmpty());
    }

    @Test
    void aRestartingAgentKeepsItsPeersRoutesToItAndItsOwnKernelRoutes() throws Exception {
        node("a", kernelA, "127.0.0.1/8");
        RoutingAgent b = node("b", kernelB, "127.0.0.2/8");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> route(kernelA, BLOCK_B).isPresent()
                        && route(kernelB, BLOCK_A).isPresent());

        // Stop b as a restart does (dataplane and speaker, no NOTIFICATION), then start a new b.
        int index = running.indexOf(b);
        running.remove(index).close();
        running.remove(index - 1).close();
        Thread.sleep(500);
        assertThat(route(kernelA, BLOCK_B))
                .as("a keeps b's route during b's graceful restart")
                .isPresent();
        RoutingAgent again = node("b", kernelB, "127.0.0.2/8");
        await().atMost(Duration.ofSeconds(5)).until(() -> lastDataplane.status().reconciles() > 0);
        assertThat(route(kernelB, BLOCK_A))
                .as("b's kernel route survives the restart")
                .isPresent();

        await().atMost(Duration.ofSeconds(20)).until(again::sessionsUp);
        assertThat(route(kernelA, BLOCK_B)).isPresent();
        assertThat(route(kernelB, BLOCK_A)).isPresent();
    }
}
