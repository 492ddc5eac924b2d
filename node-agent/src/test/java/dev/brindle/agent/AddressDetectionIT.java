package dev.brindle.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import dev.brindle.lab.junit.Needs;
import dev.brindle.netlink.NetworkNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --ip} autodetection inside a node namespace with two interfaces: {@code eth0} 192.168.95.10/24 (the default
 * route) and {@code eth1} 10.77.0.5/16 (a route to 10.88.0.0/16 through 10.77.0.1), plus a preferred-source route.
 */
@Needs(
        root = true,
        commands = {"ip"})
class AddressDetectionIT {
    private NamespaceSet set;
    private Namespace node;

    @BeforeEach
    void setUp() {
        set = NamespaceSet.create("agentdetect");
        node = set.add("node");
        for (String[] link :
                new String[][] {{"eth0", "peer0", "192.168.95.10/24"}, {"eth1", "peer1", "10.77.0.5/16"}}) {
            node.ok("ip", "link", "add", link[0], "type", "veth", "peer", "name", link[1]);
            node.ok("ip", "addr", "add", link[2], "dev", link[0]);
            node.ok("ip", "link", "set", link[0], "up");
            node.ok("ip", "link", "set", link[1], "up");
        }
        node.ok("ip", "route", "add", "default", "via", "192.168.95.1", "dev", "eth0");
        node.ok("ip", "route", "add", "10.88.0.0/16", "via", "10.77.0.1", "dev", "eth1");
        // A route whose preferred source is eth0's address although it leaves through eth1.
        node.ok("ip", "route", "add", "10.99.0.0/16", "via", "10.77.0.1", "dev", "eth1", "src", "192.168.95.10");
    }

    @AfterEach
    void tearDown() {
        set.close();
    }

    private AddressWithPrefix detect(String method) {
        try (NetworkNamespace ns = NetworkNamespace.open(node.path())) {
            return ns.call(() -> AddressDetection.detect(method));
        }
    }

    @Test
    void canReachTakesTheAddressOfTheInterfaceWhoseRouteReachesTheTarget() {
        assertThat(detect("can-reach=10.88.1.1")).isEqualTo(AddressWithPrefix.parse("10.77.0.5/16"));
        assertThat(detect("can-reach=10.77.200.1")).isEqualTo(AddressWithPrefix.parse("10.77.0.5/16"));
        assertThat(detect("can-reach=8.8.8.8")).isEqualTo(AddressWithPrefix.parse("192.168.95.10/24"));
    }

    @Test
    void canReachHonoursTheRoutesPreferredSource() {
        assertThat(detect("can-reach=10.99.0.1")).isEqualTo(AddressWithPrefix.parse("192.168.95.10/24"));
    }

    @Test
    void canReachWithoutARouteSaysSo() {
        node.ok("ip", "route", "del", "default");

        assertThatThrownBy(() -> detect("can-reach=8.8.8.8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no route to 8.8.8.8");
    }

    @Test
    void theOtherMethodsFindTheirInterface() {
        assertThat(detect("interface=eth1")).isEqualTo(AddressWithPrefix.parse("10.77.0.5/16"));
        assertThat(detect("cidr=10.77.0.0/16")).isEqualTo(AddressWithPrefix.parse("10.77.0.5/16"));
        assertThat(detect("first-found"))
                .as("eth0 has the lowest index")
                .isEqualTo(AddressWithPrefix.parse("192.168.95.10/24"));
    }
}
