package dev.brindle.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import org.junit.jupiter.api.Test;

class RecordValidationTest {
    @Test
    void interfaceNamesFollowTheKernelRules() {
        assertThat(LinkNames.check("vxlan.brindle")).isEqualTo("vxlan.brindle");
        assertThat(LinkNames.check("abcdefghijklmno")).hasSize(15);
        assertThatThrownBy(() -> LinkNames.check("abcdefghijklmnop"))
                .hasMessage("interface name 'abcdefghijklmnop' is 16 bytes; Linux allows at most 15 (IFNAMSIZ - 1)");
        assertThatThrownBy(() -> LinkNames.check("ééééééééé")).hasMessageContaining("18 bytes");
        assertThatThrownBy(() -> LinkNames.check("a b")).hasMessageContaining("whitespace");
        assertThatThrownBy(() -> LinkNames.check("")).hasMessageContaining("empty");
    }

    @Test
    void routeDefaultsFollowIpRouteAdd() {
        Route device = Route.to(IpPrefix.parse("10.0.0.5/32")).device(3).build();
        assertThat(device.scope()).isEqualTo(RouteScope.LINK);
        assertThat(device.protocol()).isEqualTo(RouteProtocol.BOOT);
        assertThat(device.table()).isEqualTo(RouteTables.MAIN);
        Route via = Route.to(IpPrefix.parse("10.1.0.0/26"))
                .via(IpAddresses.parse("10.0.0.1"))
                .build();
        assertThat(via.scope()).isEqualTo(RouteScope.UNIVERSE);
        assertThat(via.toString()).isEqualTo("10.1.0.0/26 via 10.0.0.1 proto 3");
    }

    @Test
    void rejectRoutesHaveNoNextHop() {
        assertThatThrownBy(() -> Route.blackhole(IpPrefix.parse("10.1.0.0/26"))
                        .via(IpAddresses.parse("10.0.0.1"))
                        .build())
                .hasMessageContaining("BLACKHOLE route has no next hop");
    }

    @Test
    void exceptionNamesOperationObjectAndErrno() {
        var e = new NetlinkException("add route", "10.0.0.0/24", 17);
        assertThat(e.getMessage()).isEqualTo("add route 10.0.0.0/24: EEXIST (17)");
        assertThat(e.isExists()).isTrue();
        assertThat(new NetlinkException("delete route", "x", 3).isNotFound()).isTrue();
        assertThat(Errno.name(4095)).isEqualTo("errno 4095");
    }
}
