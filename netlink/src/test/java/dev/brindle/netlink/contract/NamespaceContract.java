package dev.brindle.netlink.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.netlink.Link;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.NetlinkEvent;
import dev.brindle.netlink.NetlinkGroup;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteOp;
import dev.brindle.netlink.RouteProtocol;
import dev.brindle.netlink.VethSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sysctls inside a namespace, handles bound to other namespaces, change notifications. */
public abstract class NamespaceContract extends NetlinkContract {

    @Test
    void sysctlsAreReadAndWrittenInsideTheNamespace() {
        nl.createVeth(VethSpec.of("sys0", "sys1"));
        nl.sysctl().set("net/ipv4/ip_forward", "1");
        nl.sysctl().set("net/ipv4/conf/sys0/proxy_arp", "1");
        assertThat(nl.sysctl().get("net/ipv4/ip_forward")).isEqualTo("1");
        assertThat(seen.sysctl("net/ipv4/ip_forward")).isEqualTo("1");
        assertThat(seen.sysctl("net/ipv4/conf/sys0/proxy_arp")).isEqualTo("1");
        assertThat(seen.sysctl("net/ipv4/conf/sys1/proxy_arp")).isEqualTo("0");

        var e = assertErrno("ENOENT", () -> nl.sysctl().get("net/ipv4/conf/nope0/proxy_arp"));
        assertThat(e.isNotFound()).isTrue();
        assertErrno("EINVAL", () -> nl.sysctl().set("net/ipv4/ip_forward", "yes"));
        assertInvalid("must be relative to /proc/sys", () -> nl.sysctl().get("kernel/hostname"));
        assertInvalid("must be relative to /proc/sys", () -> nl.sysctl().get("net/../../etc/passwd"));
    }

    @Test
    void sysctlsOfAnotherNamespaceAreSeparate() {
        var other = otherNamespace("sys");
        try (var otherNl = nl.openIn(other)) {
            otherNl.sysctl().set("net/ipv4/ip_forward", "1");
            assertThat(env.observer(other).sysctl("net/ipv4/ip_forward")).isEqualTo("1");
        }
        assertThat(nl.sysctl().get("net/ipv4/ip_forward")).isEqualTo("0");
    }

    @Test
    void aHandleOpenedInAnotherNamespaceWorksThere() {
        var other = otherNamespace("h");
        try (var otherNl = nl.openIn(other)) {
            otherNl.createBridge("brx");
            assertThat(observedIn(env.observer(other), "brx")).isPresent();
            assertThat(nl.findLink("brx")).isEmpty();
        }
        assertErrno("ENOENT", () -> nl.openIn(java.nio.file.Path.of("/run/netns/brindle-does-not-exist")));
    }

    @Test
    void linkAddressRouteAndNeighbourChangesAreNotified() {
        List<NetlinkEvent> events = new CopyOnWriteArrayList<>();
        var groups =
                EnumSet.of(NetlinkGroup.LINK, NetlinkGroup.IPV4_ROUTE, NetlinkGroup.IPV4_ADDRESS, NetlinkGroup.NEIGH);
        try (var sub = nl.subscribe(groups, events::add)) {
            Link up0 = uplink();
            Route r = Route.to(prefix("10.55.0.0/24"))
                    .via(ip("10.0.0.2"))
                    .device(up0.index())
                    .protocol(RouteProtocol.BRINDLE)
                    .build();
            nl.addRoute(r);
            nl.deleteRoute(r);
            var n = Neighbour.permanent(up0.index(), ip("10.0.0.9"), mac("66:00:00:00:00:09"));
            nl.addNeighbour(n);
            nl.deleteLink("up1");

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(events)
                            .contains(
                                    new NetlinkEvent.RouteChanged(r, false),
                                    new NetlinkEvent.RouteChanged(r, true),
                                    new NetlinkEvent.AddressChanged(address(up0, "10.0.0.1/24"), false),
                                    new NetlinkEvent.NeighbourChanged(n, false))
                            .anySatisfy(e -> assertThat(e)
                                    .isInstanceOfSatisfying(
                                            NetlinkEvent.LinkChanged.class,
                                            l -> assertThat(l.link().name().equals("up1") && l.removed())
                                                    .isTrue()))
                            .anySatisfy(e -> assertThat(e)
                                    .isInstanceOfSatisfying(
                                            NetlinkEvent.LinkChanged.class,
                                            l -> assertThat(l.link().name().equals("up0") && !l.removed())
                                                    .isTrue())));
        }
    }

    @Test
    void aListenerThatFallsBehindIsToldToResync() throws InterruptedException {
        Link up0 = uplink();
        var release = new CountDownLatch(1);
        List<NetlinkEvent> events = new CopyOnWriteArrayList<>();
        try (var sub = nl.subscribe(EnumSet.of(NetlinkGroup.IPV4_ROUTE), e -> {
            events.add(e);
            awaitQuietly(release);
        })) {
            List<RouteOp> flood = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {
                flood.add(RouteOp.add(Route.to(prefix("10." + (64 + i / 256) + "." + (i % 256) + ".0/24"))
                        .device(up0.index())
                        .build()));
            }
            assertThat(nl.apply(flood).allSucceeded()).isTrue();
            release.countDown();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(events)
                            .anySatisfy(e -> assertThat(e).isInstanceOf(NetlinkEvent.ResyncNeeded.class)));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
