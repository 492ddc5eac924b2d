package dev.brindle.cni.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import dev.brindle.core.MacAddress;
import dev.brindle.netlink.FakeNetlink;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteScope;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pod wiring mapped onto the netlink module, against its in-memory kernel (FakeNetlink). */
class NetlinkKernelTest {
    private static final String POD = "/run/netns/pod";
    private final FakeNetlink fake = new FakeNetlink();
    private final Kernel kernel = new NetlinkKernel(() -> fake, p -> {});
    private final PodWiring.Plan plan =
            new PodWiring.Plan("brl82111e10a96", "eth0", 1410, List.of(AddressWithPrefix.parse("10.244.1.7/32")));

    /**
     * The adapter's operations one by one. (PodWiring.setUp as a whole cannot run on FakeNetlink yet: its route
     * check wants the gateway inside an address prefix, while the kernel also accepts one behind a link-scope route,
     * which is how {@code default via 169.254.1.1} works. The real kernel test covers the whole flow.)
     */
    @Test
    void mapsEachOperationOntoNetlink() {
        fake.namespace(Path.of(POD));
        try (Netns host = kernel.host();
                Netns pod = kernel.open(POD)) {
            host.createVeth("brl82111e10a96", "eth0", pod, 1410);
            host.setMac("brl82111e10a96", MacAddress.EEEE);
            host.setUp("brl82111e10a96");
            pod.setUp("eth0");
            host.writeSysctl("net/ipv4/conf/brl82111e10a96/proxy_arp", "1");
            pod.addRoute(RouteSpec.link(IpPrefix.parse("169.254.1.1/32"), "eth0"));
            pod.addAddress("eth0", AddressWithPrefix.parse("10.244.1.7/32"));
            var hostRoute = RouteSpec.link(IpPrefix.parse("10.244.1.7/32"), "brl82111e10a96");
            host.addRoute(hostRoute);
            host.addRoute(hostRoute); // EEXIST on the same device is success

            assertThat(host.link("brl82111e10a96")).get().satisfies(l -> {
                assertThat(l.mac()).isEqualTo(MacAddress.EEEE);
                assertThat(l.up()).isTrue();
                assertThat(l.mtu()).isEqualTo(1410);
            });
            assertThat(host.readSysctl("net/ipv4/conf/brl82111e10a96/proxy_arp"))
                    .contains("1");
            assertThat(host.routes("brl82111e10a96")).contains(hostRoute);
            assertThat(pod.addresses("eth0")).containsExactly(AddressWithPrefix.parse("10.244.1.7/32"));
            assertThat(pod.routes("eth0")).contains(RouteSpec.link(IpPrefix.parse("169.254.1.1/32"), "eth0"));
            Netlink podNl = fake.namespace(Path.of(POD));
            assertThat(podNl.listRoutes(RouteFilter.main()))
                    .anySatisfy(r -> assertThat(r.scope()).isEqualTo(RouteScope.LINK));
        }
    }

    @Test
    void tearDownTakesTheHostEndAlongAndIsIdempotent() {
        fake.namespace(Path.of(POD));
        try (Netns host = kernel.host();
                Netns pod = kernel.open(POD)) {
            host.createVeth("brl82111e10a96", "eth0", pod, 1500);
            PodWiring.tearDown(pod, "eth0");
            PodWiring.tearDown(pod, "eth0");
            assertThat(host.link("brl82111e10a96")).isEmpty();
            assertThat(host.routes("brl82111e10a96")).isEmpty();
            assertThat(WiringCheck.problems(host, pod, plan))
                    .contains("interface eth0 is missing from " + POD, "host veth brl82111e10a96 is missing");
        }
    }

    @Test
    void aMissingNamespaceIsGone() {
        assertThatThrownBy(() -> kernel.open("/run/netns/nothing")).isInstanceOf(Kernel.NetnsGoneException.class);
    }
}
