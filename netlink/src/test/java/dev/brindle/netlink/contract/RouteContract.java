package dev.brindle.netlink.contract;

import static dev.brindle.core.AddressWithPrefix.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.IpFamily;
import dev.brindle.netlink.BatchResult;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteOp;
import dev.brindle.netlink.RouteProtocol;
import dev.brindle.netlink.RouteScope;
import dev.brindle.netlink.RouteType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Addresses and routes: the route forms the agent programs (calico-facts.md §4), batches and errors. */
public abstract class RouteContract extends NetlinkContract {

    @Test
    void addressesOfBothFamiliesAreAddedListedAndDeleted() {
        Link up0 = uplink();
        assertThat(seen.addresses(IpFamily.V4))
                .filteredOn(a -> a.linkIndex() == up0.index())
                .containsExactly(address(up0, "10.0.0.1/24"));
        assertThat(seen.addresses(IpFamily.V6)).contains(address(up0, "fd00::1/64"));
        assertThat(nl.listAddresses(up0.index(), IpFamily.V4)).containsExactly(address(up0, "10.0.0.1/24"));

        nl.deleteAddress(up0.index(), parse("10.0.0.1/24"));
        nl.deleteAddress(up0.index(), parse("fd00::1/64"));
        assertThat(seen.addresses(IpFamily.V4)).noneMatch(a -> a.linkIndex() == up0.index());
        assertThat(seen.addresses(IpFamily.V6)).doesNotContain(address(up0, "fd00::1/64"));
    }

    @Test
    void addressErrorsNameTheAddress() {
        Link up0 = uplink();
        var e = assertErrno("EEXIST", () -> nl.addAddress(up0.index(), parse("10.0.0.1/24")));
        assertThat(e.getMessage()).contains("10.0.0.1/24");
        assertErrno("EADDRNOTAVAIL", () -> nl.deleteAddress(up0.index(), parse("10.0.0.9/24")));
        assertErrno("ENODEV", () -> nl.addAddress(999, parse("10.0.0.9/24")));
    }

    @Test
    void addressBringsTheKernelPrefixRoute() {
        Link up0 = uplink();
        Route prefix = Route.to(prefix("10.0.0.0/24"))
                .device(up0.index())
                .protocol(RouteProtocol.KERNEL)
                .source(ip("10.0.0.1"))
                .build();
        assertThat(seen.routes(RouteFilter.main().family(IpFamily.V4))).containsExactly(prefix);
        assertThat(nl.listRoutes(RouteFilter.main().protocol(RouteProtocol.KERNEL)))
                .contains(prefix);
    }

    @Test
    void theRouteFormsTheAgentProgramsReachTheKernelExactly() {
        Link up0 = uplink();
        List<Route> routes = List.of(
                Route.blackhole(prefix("10.244.0.0/26"))
                        .protocol(RouteProtocol.BRINDLE)
                        .build(),
                Route.to(prefix("10.244.1.0/26"))
                        .via(ip("10.0.0.2"))
                        .device(up0.index())
                        .protocol(RouteProtocol.BRINDLE)
                        .build(),
                Route.to(prefix("10.244.2.0/26"))
                        .via(ip("192.168.7.1"))
                        .device(up0.index())
                        .onlink()
                        .protocol(RouteProtocol.BRINDLE)
                        .mtu(1450)
                        .build(),
                Route.to(prefix("10.244.3.5/32"))
                        .device(up0.index())
                        .metric(1024)
                        .build(),
                Route.to(prefix("10.244.4.0/24"))
                        .via(ip("10.0.0.3"))
                        .device(up0.index())
                        .table(100)
                        .protocol(RouteProtocol.STATIC)
                        .metric(7)
                        .build(),
                new Route(
                        prefix("10.244.5.0/24"),
                        RouteType.UNREACHABLE,
                        254,
                        RouteProtocol.BRINDLE,
                        RouteScope.UNIVERSE,
                        java.util.Optional.empty(),
                        0,
                        false,
                        0,
                        0,
                        java.util.Optional.empty()));
        routes.forEach(nl::addRoute);

        assertThat(seen.routes(RouteFilter.all().protocol(RouteProtocol.BRINDLE)))
                .containsExactlyInAnyOrder(routes.get(0), routes.get(1), routes.get(2), routes.get(5));
        assertThat(seen.routes(RouteFilter.all().inTable(100))).containsExactly(routes.get(4));
        assertThat(seen.routes(RouteFilter.main().device(up0.index()))).contains(routes.get(3));
        assertThat(nl.listRoutes(RouteFilter.all().family(IpFamily.V4))).containsAll(routes);
        assertThat(nl.listRoutes(RouteFilter.all().inTable(100))).containsExactly(routes.get(4));
    }

    @Test
    void ipv6RoutesGetTheKernelDefaultMetricAndBlackholesHangOffLo() {
        Link up0 = uplink();
        nl.addRoute(Route.to(prefix("fd10::/64"))
                .via(ip("fd00::2"))
                .device(up0.index())
                .protocol(RouteProtocol.BRINDLE)
                .build());
        nl.addRoute(Route.blackhole(prefix("fd20::/122"))
                .protocol(RouteProtocol.BRINDLE)
                .build());

        assertThat(seen.routes(RouteFilter.all().family(IpFamily.V6).protocol(RouteProtocol.BRINDLE)))
                .containsExactlyInAnyOrder(
                        Route.to(prefix("fd10::/64"))
                                .via(ip("fd00::2"))
                                .device(up0.index())
                                .protocol(RouteProtocol.BRINDLE)
                                .metric(1024)
                                .build(),
                        Route.blackhole(prefix("fd20::/122"))
                                .device(1)
                                .protocol(RouteProtocol.BRINDLE)
                                .metric(1024)
                                .build());
    }

    @Test
    void replaceOverwritesAndDeleteRemoves() {
        Link up0 = uplink();
        Route first = Route.to(prefix("10.9.0.0/26"))
                .via(ip("10.0.0.2"))
                .device(up0.index())
                .protocol(RouteProtocol.BRINDLE)
                .build();
        Route second = first.toBuilder().via(ip("10.0.0.3")).mtu(1400).build();
        nl.replaceRoute(first);
        nl.replaceRoute(second);
        assertThat(seen.routes(RouteFilter.all().protocol(RouteProtocol.BRINDLE)))
                .containsExactly(second);

        nl.deleteRoute(second);
        assertThat(seen.routes(RouteFilter.all().protocol(RouteProtocol.BRINDLE)))
                .isEmpty();
        var e = assertErrno("ESRCH", () -> nl.deleteRoute(second));
        assertThat(e.isNotFound()).isTrue();
        assertThat(e.getMessage()).contains("10.9.0.0/26");
    }

    @Test
    void routeErrorsCarryTheErrno() {
        Link up0 = uplink();
        Route r = Route.blackhole(prefix("10.9.0.0/26"))
                .protocol(RouteProtocol.BRINDLE)
                .build();
        nl.addRoute(r);
        assertThat(assertErrno("EEXIST", () -> nl.addRoute(r)).isExists()).isTrue();
        assertErrno(
                "ENETUNREACH",
                () -> nl.addRoute(Route.to(prefix("10.9.1.0/26"))
                        .via(ip("192.168.50.1"))
                        .device(up0.index())
                        .build()));
        assertErrno(
                "ENODEV",
                () -> nl.addRoute(Route.to(prefix("10.9.2.0/26")).device(999).build()));
        nl.setLinkUp("up0", false);
        assertErrno(
                "ENETDOWN",
                () -> nl.addRoute(
                        Route.to(prefix("10.9.3.0/26")).device(up0.index()).build()));
    }

    @Test
    void linkDownTakesItsRoutes() {
        Link up0 = uplink();
        nl.addRoute(Route.to(prefix("10.9.0.0/26"))
                .via(ip("10.0.0.2"))
                .device(up0.index())
                .build());
        nl.setLinkUp("up0", false);
        assertThat(seen.routes(RouteFilter.main().device(up0.index()))).isEmpty();
    }

    @Test
    void invalidRoutesAreRefusedBeforeTheKernel() {
        assertInvalid("prefix length 33", () -> prefix("10.0.0.0/33"));
        assertInvalid(
                "onlink needs an output device",
                () -> Route.to(prefix("10.1.0.0/24"))
                        .via(ip("10.0.0.1"))
                        .onlink()
                        .build());
        assertInvalid(
                "another IP family",
                () -> Route.to(prefix("10.1.0.0/24")).via(ip("fd00::1")).build());
        assertInvalid(
                "needs a gateway or a device",
                () -> Route.to(prefix("10.1.0.0/24")).build());
    }

    @Test
    void batchAppliesEveryOperationAndReportsFailuresByPosition() {
        Link up0 = uplink();
        List<RouteOp> adds = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            adds.add(RouteOp.add(Route.to(prefix("10.100." + (i / 4) + "." + (i % 4) * 64 + "/26"))
                    .via(ip("10.0.0.2"))
                    .device(up0.index())
                    .protocol(RouteProtocol.BRINDLE)
                    .build()));
        }
        adds.add(adds.get(17)); // a duplicate: EEXIST at index 600
        adds.add(RouteOp.add(Route.to(prefix("10.101.0.0/26")).device(999).build())); // ENODEV at 601

        BatchResult result = nl.apply(adds);

        assertThat(result.attempted()).isEqualTo(602);
        assertThat(result.failedIndexes()).containsExactly(600, 601);
        assertThat(result.failures().get(600).errnoName()).isEqualTo("EEXIST");
        assertThat(result.failures().get(601).errnoName()).isEqualTo("ENODEV");
        assertThat(seen.routes(RouteFilter.all().protocol(RouteProtocol.BRINDLE)))
                .hasSize(600);

        List<RouteOp> deletes = adds.subList(0, 600).stream()
                .map(op -> RouteOp.delete(op.route()))
                .toList();
        assertThat(nl.apply(deletes).allSucceeded()).isTrue();
        assertThat(seen.routes(RouteFilter.all().protocol(RouteProtocol.BRINDLE)))
                .isEmpty();
    }
}
