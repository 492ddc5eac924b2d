package dev.brindle.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What only the fake has: failure injection, an ipip module switch, namespace removal. */
class FakeNetlinkTest {
    private final FakeNetlink kernel = new FakeNetlink();

    @Test
    void failNextFailsExactlyTheNextCallOfThatKind() {
        kernel.createBridge("br0");
        kernel.failNext(FakeNetlink.Op.REPLACE_ROUTE, Errno.ENOBUFS);
        Route r = Route.blackhole(IpPrefix.parse("10.0.0.0/26")).build();

        kernel.addRoute(r); // another kind: not affected
        var e = catchThrowableOfType(NetlinkException.class, () -> kernel.replaceRoute(r));
        assertThat(e.errnoName()).isEqualTo("ENOBUFS");
        assertThat(e.getMessage()).contains("10.0.0.0/26").contains("injected");
        kernel.replaceRoute(r);
        assertThat(kernel.listRoutes(RouteFilter.main())).containsExactly(r);
    }

    @Test
    void withTheIpipModuleEveryNamespaceHasTunl0() {
        var withIpip = new FakeNetlink(true);
        Link tunl = withIpip.setUpTunl0(1480, Optional.of(AddressWithPrefix.parse("10.244.3.0/32")));
        assertThat(tunl.index()).isEqualTo(2);
        assertThat(tunl.up()).isTrue();
        assertThat(withIpip.listAddresses(2, IpFamily.V4))
                .containsExactly(Address.of(2, AddressWithPrefix.parse("10.244.3.0/32")));
        assertThat(withIpip.namespace(Path.of("/run/netns/x")).findLink("tunl0"))
                .isPresent();
    }

    @Test
    void removingANamespaceDestroysTheFarEndsOfItsVeths() {
        Path pod = Path.of("/run/netns/pod");
        kernel.namespace(pod);
        kernel.createVeth(VethSpec.of("cali1", "eth0").withPeerNamespace(pod));
        kernel.removeNamespace(pod);
        assertThat(kernel.findLink("cali1")).isEmpty();
        var e = catchThrowableOfType(NetlinkException.class, () -> kernel.openIn(pod));
        assertThat(e.isNotFound()).isTrue();
    }

    @Test
    void ifindexesArePerNamespaceAndMovedLinksKeepTheirsWhenFree() {
        Path other = Path.of("/run/netns/o");
        var otherNl = kernel.namespace(other);
        Link a = kernel.createVeth(VethSpec.of("a0", "a1"));
        assertThat(a.index()).isEqualTo(2);
        kernel.moveToNamespace("a1", other);
        assertThat(otherNl.link("a1").index()).isEqualTo(3);
    }

    @Test
    void overflowingASubscriptionAsksForResync() {
        var events = new java.util.concurrent.CopyOnWriteArrayList<NetlinkEvent>();
        var gate = new java.util.concurrent.CountDownLatch(1);
        try (var sub = kernel.subscribe(java.util.Set.of(NetlinkGroup.LINK), e -> {
            events.add(e);
            try {
                gate.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        })) {
            kernel.overflowSubscriptions();
            gate.countDown();
            org.awaitility.Awaitility.await()
                    .untilAsserted(() -> assertThat(events).last().isInstanceOf(NetlinkEvent.ResyncNeeded.class));
        }
    }
}
