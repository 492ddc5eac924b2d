package dev.brindle.agent.dataplane;

import static dev.brindle.agent.dataplane.Cluster.BLOCK_A;
import static dev.brindle.agent.dataplane.Cluster.BLOCK_B;
import static dev.brindle.agent.dataplane.Cluster.BLOCK_C;
import static dev.brindle.agent.dataplane.Cluster.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.netlink.Address;
import dev.brindle.netlink.Errno;
import dev.brindle.netlink.FakeNetlink;
import dev.brindle.netlink.FdbEntry;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteProtocol;
import dev.brindle.netlink.VxlanInfo;
import dev.brindle.netlink.VxlanSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciler against the fake kernel, with failures injected (in the manner of Felix's route_table_test). */
class ReconcilerTest {
    private FakeNetlink kernel;
    private RecordingNatTable nat;
    private Reconciler reconciler;
    private int eth0;

    @BeforeEach
    void setUp() {
        start(false);
    }

    private void start(boolean ipip) {
        kernel = new FakeNetlink(ipip);
        eth0 = kernel.addUplink("eth0", AddressWithPrefix.parse("10.0.0.1/24"));
        nat = new RecordingNatTable();
        reconciler = new Reconciler(kernel, nat);
    }

    private static DesiredState desired(EncapMode ipip, EncapMode vxlan, boolean ipipModule) {
        // No-encap needs every peer on our subnet; the tunnel modes keep node-c behind a router.
        Cluster c =
                ipip.enabled() || vxlan.enabled() ? Cluster.threeNodes(ipip, vxlan) : Cluster.oneSubnet(ipip, vxlan);
        return c.desired(RouteSource.DATASTORE, ipipModule);
    }

    /** A route to {@code cidr} via {@code gateway} on eth0, as {@code protocol} wrote it. */
    private Route viaEth0(String cidr, String gateway, int protocol) {
        return Route.to(IpPrefix.parse(cidr))
                .via(ip(gateway))
                .device(eth0)
                .protocol(protocol)
                .build();
    }

    private List<Route> ourRoutes() {
        return kernel.listRoutes(RouteFilter.main().family(IpFamily.V4).protocol(RouteProtocol.BRINDLE));
    }

    private Route route(IpPrefix destination) {
        return ourRoutes().stream()
                .filter(r -> r.destination().equals(destination))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no route to " + destination + " in " + ourRoutes()));
    }

    @Test
    void fromEmptyVxlanModeProgramsDeviceVtepsAndRoutes() {
        ReconcileReport report = reconciler.reconcile(desired(EncapMode.Never, EncapMode.Always, false), false);

        assertThat(report.errors()).isEmpty();
        Link vx = kernel.link(VxlanDevice.NAME);
        assertThat(vx.vxlan()).contains(new VxlanInfo(4096, 4789, Optional.of(ip("10.0.0.1")), eth0, false));
        assertThat(vx.mtu()).isEqualTo(1450);
        assertThat(vx.up()).isTrue();
        assertThat(vx.mac()).contains(VtepMac.of(Cluster.A));
        assertThat(kernel.listAddresses(vx.index(), IpFamily.V4))
                .extracting(Address::address)
                .containsExactly(AddressWithPrefix.parse("10.244.0.0/32"));
        assertThat(kernel.listNeighbours(vx.index(), IpFamily.V4))
                .containsExactlyInAnyOrder(
                        Neighbour.permanent(vx.index(), ip("10.244.0.64"), VtepMac.of(Cluster.B)),
                        Neighbour.permanent(vx.index(), ip("10.244.0.128"), VtepMac.of(Cluster.C)));
        assertThat(kernel.listFdb(vx.index()))
                .containsExactlyInAnyOrder(
                        new FdbEntry(vx.index(), VtepMac.of(Cluster.B), ip("10.0.0.2")),
                        new FdbEntry(vx.index(), VtepMac.of(Cluster.C), ip("10.0.1.3")));
        assertThat(route(BLOCK_A).type()).isEqualTo(dev.brindle.netlink.RouteType.BLACKHOLE);
        Route toB = route(BLOCK_B);
        assertThat(toB.gateway()).contains(ip("10.244.0.64"));
        assertThat(toB.outputIndex()).isEqualTo(vx.index());
        assertThat(toB.onlink()).isTrue();
        assertThat(ourRoutes()).hasSize(3);
    }

    @Test
    void aSecondPassChangesNothing() {
        DesiredState d = desired(EncapMode.Never, EncapMode.Always, false);
        reconciler.reconcile(d, false);

        ReconcileReport again = reconciler.reconcile(d, false);

        assertThat(again.ok()).isTrue();
        assertThat(again.changes()).isZero();
        assertThat(nat.syncs).hasSize(1);
    }

    @Test
    void onStartItAdoptsWhatTheKernelHasWithoutFlushing() {
        DesiredState d = desired(EncapMode.Never, EncapMode.Never, false);
        new Reconciler(kernel, new RecordingNatTable()).reconcile(d, false); // the previous run of the agent

        ReconcileReport report = reconciler.reconcile(d, true);

        assertThat(report.routesChanged()).isZero();
        assertThat(report.routesDeleted()).isZero();
        assertThat(ourRoutes()).hasSize(3);
    }

    @Test
    void onlyProtocol98RoutesAreOursToDelete() {
        Route foreign = viaEth0("192.168.5.0/24", "10.0.0.254", RouteProtocol.STATIC);
        Route stale = viaEth0("10.244.9.0/26", "10.0.0.9", RouteProtocol.BRINDLE);
        kernel.addRoute(foreign);
        kernel.addRoute(stale);

        ReconcileReport report = reconciler.reconcile(desired(EncapMode.Never, EncapMode.Never, false), false);

        assertThat(report.routesDeleted()).isEqualTo(1);
        assertThat(kernel.listRoutes(RouteFilter.main())).contains(foreign).doesNotContain(stale);
    }

    @Test
    void aHeldDestinationKeepsItsRouteWhileOthersNoLongerDesiredGo() {
        Route held = viaEth0("10.244.9.0/26", "10.0.0.9", RouteProtocol.BRINDLE);
        Route stale = viaEth0("10.244.8.0/26", "10.0.0.8", RouteProtocol.BRINDLE);
        kernel.addRoute(held);
        kernel.addRoute(stale);
        DesiredState d = desired(EncapMode.Never, EncapMode.Never, false);
        DesiredState holding = new DesiredState(
                d.routes(),
                d.vxlan(),
                d.tunl0(),
                d.vteps(),
                d.nat(),
                d.announcements(),
                d.problems(),
                d.waiting(),
                java.util.Set.of(held.destination()));

        ReconcileReport report = reconciler.reconcile(holding, false);

        assertThat(report.routesDeleted()).isEqualTo(1);
        assertThat(ourRoutes()).contains(held).doesNotContain(stale);
    }

    @Test
    void aModeSwitchRewritesRoutesAndRemovesTheVxlanDevice() {
        reconciler.reconcile(desired(EncapMode.Never, EncapMode.Always, false), false);

        ReconcileReport report = reconciler.reconcile(desired(EncapMode.Never, EncapMode.Never, false), false);

        assertThat(report.errors()).isEmpty();
        assertThat(kernel.findLink(VxlanDevice.NAME)).isEmpty();
        assertThat(route(BLOCK_B).gateway()).contains(ip("10.0.0.2"));
        assertThat(route(BLOCK_B).outputIndex()).isEqualTo(eth0);
        assertThat(route(BLOCK_C).gateway()).contains(ip("10.0.0.3"));
        assertThat(route(BLOCK_C).onlink()).isFalse();
    }

    @Test
    void aVxlanDeviceWithOtherParametersIsRecreated() {
        kernel.createVxlan(VxlanSpec.of(VxlanDevice.NAME, 42, 8472).withLocal(ip("10.0.0.1"), eth0));

        reconciler.reconcile(desired(EncapMode.Never, EncapMode.Always, false), false);

        assertThat(kernel.link(VxlanDevice.NAME).vxlan().orElseThrow().vni()).isEqualTo(4096);
        assertThat(kernel.link(VxlanDevice.NAME).vxlan().orElseThrow().port()).isEqualTo(4789);
    }

    @Test
    void ipipConfiguresTunl0AndRoutesOnlinkOverIt() {
        start(true);

        ReconcileReport report = reconciler.reconcile(desired(EncapMode.Always, EncapMode.Never, true), false);

        assertThat(report.errors()).isEmpty();
        Link tunl0 = kernel.link("tunl0");
        assertThat(tunl0.mtu()).isEqualTo(1480);
        assertThat(tunl0.up()).isTrue();
        assertThat(kernel.listAddresses(tunl0.index(), IpFamily.V4))
                .extracting(Address::address)
                .containsExactly(AddressWithPrefix.parse("10.244.0.1/32"));
        assertThat(route(BLOCK_C).outputIndex()).isEqualTo(tunl0.index());
        assertThat(route(BLOCK_C).gateway()).contains(ip("10.0.1.3"));
        assertThat(route(BLOCK_C).onlink()).isTrue();
        assertThat(reconciler
                        .reconcile(desired(EncapMode.Always, EncapMode.Never, true), false)
                        .changes())
                .isZero();
    }

    @Test
    void aRefusedRouteIsReportedTheOthersAreProgrammedAndTheNextPassFixesIt() {
        DesiredState d = desired(EncapMode.Never, EncapMode.Never, false);
        kernel.failNext(FakeNetlink.Op.REPLACE_ROUTE, Errno.ENOMEM);

        ReconcileReport first = reconciler.reconcile(d, false);

        assertThat(first.errors()).singleElement().asString().contains("ENOMEM");
        assertThat(ourRoutes()).hasSize(2);
        ReconcileReport second = reconciler.reconcile(d, false);
        assertThat(second.ok()).isTrue();
        assertThat(second.routesChanged()).isEqualTo(1);
        assertThat(ourRoutes()).hasSize(3);
    }

    @Test
    void aDeviceThatCannotBeCreatedBlocksOnlyItsOwnRoutes() {
        DesiredState d = desired(EncapMode.Never, EncapMode.Always, false);
        kernel.failNext(FakeNetlink.Op.CREATE_LINK, Errno.EPERM);

        ReconcileReport first = reconciler.reconcile(d, false);

        assertThat(first.errors()).anySatisfy(e -> assertThat(e).contains("vxlan.brindle", "EPERM"));
        assertThat(ourRoutes()).extracting(Route::destination).containsExactly(BLOCK_A);
        assertThat(reconciler.reconcile(d, false).ok()).isTrue();
        assertThat(ourRoutes()).hasSize(3);
    }

    @Test
    void aFailedListingIsReportedAndNothingIsDeleted() {
        DesiredState d = desired(EncapMode.Never, EncapMode.Never, false);
        reconciler.reconcile(d, false);
        kernel.failNext(FakeNetlink.Op.LIST_ROUTES, Errno.EBUSY);

        ReconcileReport report = reconciler.reconcile(DesiredState.EMPTY, false);

        assertThat(report.errors()).singleElement().asString().contains("EBUSY");
        assertThat(ourRoutes()).hasSize(3);
    }

    @Test
    void staleVtepEntriesAreRemovedAndMissingOnesRestored() {
        DesiredState d = desired(EncapMode.Never, EncapMode.Always, false);
        reconciler.reconcile(d, false);
        int vx = kernel.link(VxlanDevice.NAME).index();
        kernel.deleteFdb(new FdbEntry(vx, VtepMac.of(Cluster.B), ip("10.0.0.2")));
        Neighbour stray = Neighbour.permanent(vx, ip("10.244.7.0"), VtepMac.of("gone"));
        kernel.addNeighbour(stray);

        ReconcileReport report = reconciler.reconcile(d, false);

        assertThat(report.otherChanges()).isEqualTo(2);
        assertThat(kernel.listNeighbours(vx, IpFamily.V4)).doesNotContain(stray).hasSize(2);
        assertThat(kernel.listFdb(vx)).hasSize(2);
    }

    @Test
    void natRulesAreWrittenWhenTheyChangeOnFullResyncAndAfterAFailure() {
        Cluster c =
                Cluster.oneSubnet(EncapMode.Never, EncapMode.Never).editPool("default", s -> s.withNatOutgoing(true));
        DesiredState d = c.desired(RouteSource.DATASTORE, false);
        nat.failNext();

        assertThat(reconciler.reconcile(d, false).errors())
                .singleElement()
                .asString()
                .contains("nftables table brindle", "injected");
        reconciler.reconcile(d, false);
        assertThat(nat.current().masqueradePools()).containsExactly(Cluster.POOL);
        reconciler.reconcile(d, false);
        assertThat(nat.syncs).hasSize(1);
        reconciler.reconcile(d, true);
        assertThat(nat.syncs).hasSize(2);
    }

    @Test
    void whileBgpIsNotBackOurUndesiredRoutesAreKeptThenSwept() {
        reconciler.reconcile(desired(EncapMode.Never, EncapMode.Never, false), false);
        DesiredState onlyLocal =
                Cluster.oneSubnet(EncapMode.Never, EncapMode.Never).desired(Map.of());

        ReconcileReport kept = reconciler.reconcile(onlyLocal, false, true);

        assertThat(kept.routesDeleted()).isZero();
        assertThat(ourRoutes()).hasSize(3);
        assertThat(reconciler.reconcile(onlyLocal, false, false).routesDeleted())
                .isEqualTo(2);
        assertThat(ourRoutes()).extracting(Route::destination).containsExactly(BLOCK_A);
    }
}
