package dev.brindle.agent.dataplane;

import static dev.brindle.agent.dataplane.Cluster.BLOCK_A;
import static dev.brindle.agent.dataplane.Cluster.BLOCK_B;
import static dev.brindle.agent.dataplane.Cluster.BLOCK_C;
import static dev.brindle.agent.dataplane.Cluster.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import dev.brindle.netlink.FakeNetlink;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's event loop: datastore watches and kernel notifications driving passes, on the fake kernel. */
class DataplaneAgentTest {
    private final FakeNetlink kernel = new FakeNetlink();
    private final RecordingNatTable nat = new RecordingNatTable();
    private GatedDatastore store;
    private DataplaneAgent agent;

    @BeforeEach
    void setUp() {
        kernel.addUplink("eth0", AddressWithPrefix.parse("10.0.0.1/24"));
        Datastore ds = Datastores.inMemory();
        Cluster c = Cluster.oneSubnet(EncapMode.Never, EncapMode.Never);
        for (List<? extends Resource> list : List.of(c.pools, c.nodes, c.blocks, c.affinities)) {
            list.forEach(ds::create);
        }
        store = new GatedDatastore(ds);
        DataplaneConfig config =
                new DataplaneConfig(RouteSource.DATASTORE, Duration.ofSeconds(90), Duration.ofMillis(50), nat);
        agent = new DataplaneAgent(store, kernel, Cluster.A, AddressWithPrefix.parse("10.0.0.1/24"), config);
        agent.start();
    }

    @AfterEach
    void tearDown() {
        agent.close();
    }

    private Map<IpPrefix, Route> routes() {
        return kernel.listRoutes(RouteFilter.main().family(IpFamily.V4).protocol(RouteProtocol.BRINDLE)).stream()
                .collect(Collectors.toMap(Route::destination, r -> r));
    }

    @Test
    void nothingIsProgrammedBeforeTheDatastoreIsInSyncThenEverything() throws Exception {
        Thread.sleep(200); // the agent had every chance to act
        assertThat(routes()).isEmpty();
        assertThat(agent.status().ready()).isFalse();

        store.release();

        await().atMost(Duration.ofSeconds(5)).until(() -> routes().size() == 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.status().ready());
        assertThat(kernel.sysctl().get("net/ipv4/ip_forward")).isEqualTo("1");
        assertThat(agent.status().routes())
                .containsEntry(RouteKind.NO_ENCAP, 2L)
                .containsEntry(RouteKind.BLACKHOLE, 1L);
    }

    @Test
    void aRouteDeletedByHandIsBackWithinASecond() {
        store.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> routes().size() == 3);

        kernel.deleteRoute(routes().get(BLOCK_B));

        await().atMost(Duration.ofSeconds(1)).until(() -> routes().containsKey(BLOCK_B));
    }

    @Test
    void aPoolModeChangeReprogramsWithoutRestart() {
        store.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> routes().size() == 3);

        IPPool pool = store.get(Kind.IPPOOL, "default").orElseThrow();
        store.update(pool.withSpec(pool.spec().withEncapsulation(EncapMode.Never, EncapMode.Always)));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> routes().get(BLOCK_C) != null
                        && routes().get(BLOCK_C).gateway().equals(Optional.of(ip("10.244.0.128"))));
        assertThat(kernel.findLink(VxlanDevice.NAME)).isPresent();
    }

    @Test
    void theTunnelMtuFollowsAnUnderlayMtuChangeOnTheLinkNotification() {
        IPPool pool = store.get(Kind.IPPOOL, "default").orElseThrow();
        store.update(pool.withSpec(pool.spec().withEncapsulation(EncapMode.Never, EncapMode.Always)));
        store.release();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> kernel.findLink(VxlanDevice.NAME)
                        .map(l -> l.mtu() == 1450)
                        .orElse(false));

        // The resync is 90 s away: only the notification of eth0's change can trigger this pass.
        kernel.setMtu("eth0", 9000);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> kernel.link(VxlanDevice.NAME).mtu() == 8950);
        kernel.setMtu("eth0", 1400);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> kernel.link(VxlanDevice.NAME).mtu() == 1350);
    }

    @Test
    void aNewBlockIsRoutedAndARemovedOneDisappears() {
        store.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> routes().size() == 3);
        IpPrefix extra = IpPrefix.parse("10.244.1.0/26");

        store.create(IPAMBlock.empty(extra, Cluster.B, 0, java.time.Instant.EPOCH));
        await().atMost(Duration.ofSeconds(5)).until(() -> routes().containsKey(extra));
        store.delete(Kind.IPAM_BLOCK, IPAMBlock.nameFor(BLOCK_C));

        await().atMost(Duration.ofSeconds(5)).until(() -> !routes().containsKey(BLOCK_C));
        assertThat(routes()).containsKeys(BLOCK_A, BLOCK_B, extra);
    }

    @Test
    void aRefusalIsRetriedWithoutWaitingForTheResync() {
        kernel.failNext(FakeNetlink.Op.REPLACE_ROUTE, dev.brindle.netlink.Errno.ENOMEM);

        store.release();

        await().atMost(Duration.ofSeconds(5)).until(() -> routes().size() == 3);
        assertThat(agent.status().reconcileErrors()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRemovedNodesRoutesGoAndItDoesNotMakeUsUnready() {
        store.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> routes().size() == 3);

        store.delete(Kind.NODE, Cluster.C);

        await().atMost(Duration.ofSeconds(5)).until(() -> !routes().containsKey(BLOCK_C));
        assertThat(routes()).containsKeys(BLOCK_A, BLOCK_B);
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.status().ready());
    }
}
