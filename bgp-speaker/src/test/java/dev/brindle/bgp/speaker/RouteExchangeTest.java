package dev.brindle.bgp.speaker;

import static dev.brindle.bgp.speaker.ExchangeHarness.ME;
import static dev.brindle.bgp.speaker.ExchangeHarness.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.codec.attr.AsPath;
import dev.brindle.bgp.codec.attr.AsPathSegment;
import dev.brindle.bgp.policy.ExportPolicy;
import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.DownCause;
import dev.brindle.bgp.session.EstablishedSession;
import dev.brindle.bgp.session.GracefulRestartCapability;
import dev.brindle.bgp.session.Ipv4;
import dev.brindle.bgp.session.OpenParameters;
import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.bgp.session.RecordingConnection;
import dev.brindle.bgp.session.RouteRefresh;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteExchangeTest {
    static final IpPrefix OURS = IpPrefix.parse("10.244.100.0/26");
    static final IpPrefix THEIRS = IpPrefix.parse("10.244.1.0/26");
    static final Optional<GracefulRestartCapability> GR =
            Optional.of(new GracefulRestartCapability(120, false, true, true));

    SpeakerConfig config = SpeakerConfig.of(64512, ME).withSelectionDeferral(0);
    ExchangeHarness h;
    RouteExchange exchange;

    RouteExchange exchange() {
        h = new ExchangeHarness(config);
        exchange = h.exchange;
        return exchange;
    }

    PeerContext peer(String addr, long as, boolean client) {
        return h.peer(PeerConfig.of(ip(addr), as).withReflectorClient(client));
    }

    RecordingConnection establish(PeerContext p, Optional<GracefulRestartCapability> gr) {
        RecordingConnection c = new RecordingConnection(true, ME);
        OpenParameters local =
                new OpenParameters(64512, 90, Ipv4.toInt(ME), Set.of(IpFamily.V4), true, true, false, GR);
        OpenParameters remote = new OpenParameters(
                p.config.remoteAs(), 90, Ipv4.toInt(p.config.address()), Set.of(IpFamily.V4), true, true, false, gr);
        exchange.established(p, new EstablishedSession(c, local, remote, Duration.ofSeconds(90)));
        return c;
    }

    static RouteUpdate announce(String nextHop, IpPrefix... prefixes) {
        return RouteUpdate.announce(PathAttributes.originated(ip(nextHop)), List.of(prefixes));
    }

    @Test
    void sendsOurAnnouncementsWithSelfNextHopThenEndOfRib() {
        exchange();
        exchange.announce(OURS, Optional.empty());
        RecordingConnection c = establish(peer("192.0.2.1", 64512, false), GR);
        assertThat(c.sent).containsExactly("UPDATE", "END-OF-RIB");
        PathAttributes sent = c.updates.getFirst().attributes().orElseThrow();
        assertThat(c.updates.getFirst().announced()).containsExactly(OURS);
        assertThat(sent.nextHop()).isEqualTo(ME);
        assertThat(sent.localPref()).hasValue(100);
        assertThat(sent.asPath().segments()).isEmpty();
    }

    @Test
    void announceAndWithdrawReachEstablishedPeersAtOnce() {
        exchange();
        RecordingConnection c = establish(peer("192.0.2.1", 64512, false), GR);
        exchange.announce(OURS, Optional.of(ip("192.0.2.55")));
        assertThat(c.updates.getLast().attributes().orElseThrow().nextHop()).isEqualTo(ip("192.0.2.55"));
        exchange.withdraw(OURS);
        assertThat(c.updates.getLast().withdrawn()).containsExactly(OURS);
        exchange.withdraw(OURS);
        assertThat(c.updates).hasSize(3); // EoR, announce, withdraw: nothing for a second withdraw
    }

    @Test
    void reportsLearnedRoutesButNeverSendsThemToAnotherInternalPeer() {
        exchange();
        PeerContext a = peer("192.0.2.1", 64512, false);
        PeerContext b = peer("192.0.2.2", 64512, false);
        establish(a, GR);
        RecordingConnection cb = establish(b, GR);
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS));
        assertThat(h.events).containsExactly("ADD 10.244.1.0/26 via 192.0.2.1 from 192.0.2.1");
        assertThat(cb.sent).containsExactly("END-OF-RIB");
        exchange.updateReceived(a, RouteUpdate.withdraw(List.of(THEIRS)));
        assertThat(h.events).last().isEqualTo("WITHDRAW 10.244.1.0/26 via 192.0.2.1 from 192.0.2.1");
    }

    @Test
    void aFailingListenerDoesNotStopRouteProcessing() {
        h = new ExchangeHarness(config, e -> {
            throw new IllegalStateException("agent bug");
        });
        exchange = h.exchange;
        PeerContext a = peer("192.0.2.1", 64512, false);
        establish(a, GR);
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS, IpPrefix.parse("10.244.9.0/26")));
        assertThat(exchange.locRibSize()).isEqualTo(2);
    }

    @Test
    void reflectsAClientsRouteWithOriginatorIdAndClusterListAndTheSameNextHop() {
        config = config.withClusterId((Inet4Address) ip("1.1.1.1"));
        exchange();
        PeerContext client = peer("192.0.2.1", 64512, true);
        PeerContext other = peer("192.0.2.2", 64512, false);
        establish(client, GR);
        RecordingConnection co = establish(other, GR);
        exchange.updateReceived(client, announce("192.0.2.1", THEIRS));
        PathAttributes reflected = co.updates.getLast().attributes().orElseThrow();
        assertThat(reflected.nextHop()).isEqualTo(ip("192.0.2.1"));
        assertThat(reflected.originatorId()).hasValue(Ipv4.toInt(ip("192.0.2.1")));
        assertThat(reflected.clusterList()).containsExactly(Ipv4.toInt(ip("1.1.1.1")));
    }

    @Test
    void aNonClientsRouteIsReflectedToClientsOnly() {
        exchange();
        PeerContext nonClient = peer("192.0.2.1", 64512, false);
        PeerContext otherNonClient = peer("192.0.2.2", 64512, false);
        PeerContext client = peer("192.0.2.3", 64512, true);
        establish(nonClient, GR);
        RecordingConnection cn = establish(otherNonClient, GR);
        RecordingConnection cc = establish(client, GR);
        exchange.updateReceived(nonClient, announce("192.0.2.1", THEIRS));
        assertThat(cn.sent).containsExactly("END-OF-RIB");
        assertThat(cc.updates.getLast().announced()).containsExactly(THEIRS);
    }

    @Test
    void dropsRoutesCarryingOurClusterIdOrOurOwnOriginatorId() {
        exchange();
        PeerContext a = peer("192.0.2.1", 64512, false);
        establish(a, GR);
        PathAttributes loopedCluster =
                PathAttributes.originated(ip("192.0.2.1")).withReflection(OptionalInt.of(7), List.of(Ipv4.toInt(ME)));
        PathAttributes loopedOriginator =
                PathAttributes.originated(ip("192.0.2.1")).withReflection(OptionalInt.of(Ipv4.toInt(ME)), List.of());
        exchange.updateReceived(a, RouteUpdate.announce(loopedCluster, List.of(THEIRS)));
        exchange.updateReceived(a, RouteUpdate.announce(loopedOriginator, List.of(THEIRS)));
        assertThat(h.events).isEmpty();
    }

    @Test
    void importsOnlyPrefixesInsideTheConfiguredPools() {
        config = config.withPools(List.of(IpPrefix.parse("10.244.0.0/16")));
        exchange();
        PeerContext a = peer("192.0.2.1", 64512, false);
        establish(a, GR);
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS, IpPrefix.parse("172.16.0.0/24")));
        assertThat(h.events).containsExactly("ADD 10.244.1.0/26 via 192.0.2.1 from 192.0.2.1");
    }

    @Test
    void perPeerImportHookCanRejectAndAReRejectedPrefixIsWithdrawn() {
        exchange();
        List<Boolean> accept = new ArrayList<>(List.of(true));
        PeerContext a = new PeerContext(
                PeerConfig.of(ip("192.0.2.1"), 64512),
                config,
                exchange.locRib(),
                (from, p, attrs) -> accept.getFirst() ? Optional.of(attrs) : Optional.empty(),
                ExportPolicy.ACCEPT_ALL);
        exchange.addPeer(a);
        establish(a, GR);
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS));
        accept.set(0, false);
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS));
        assertThat(h.events)
                .containsExactly(
                        "ADD 10.244.1.0/26 via 192.0.2.1 from 192.0.2.1",
                        "WITHDRAW 10.244.1.0/26 via 192.0.2.1 from 192.0.2.1");
    }

    @Test
    void gracefulRestartKeepsRoutesStaleAndRefreshesThemWithoutAFlap() {
        exchange();
        PeerContext a = peer("192.0.2.1", 64512, false);
        establish(a, GR);
        IpPrefix gone = IpPrefix.parse("10.244.9.0/26");
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS, gone));
        exchange.down(a, DownCause.CONNECTION_LOST);
        h.timers.advance(Duration.ofSeconds(60));
        assertThat(exchange.best(THEIRS).orElseThrow().stale()).isTrue();
        establish(a, GR);
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS));
        assertThat(exchange.best(THEIRS).orElseThrow().stale()).isFalse();
        exchange.updateReceived(a, new RouteUpdate(List.of(), Optional.empty(), List.of()));
        assertThat(h.events)
                .containsExactly(
                        "ADD 10.244.1.0/26 via 192.0.2.1 from 192.0.2.1",
                        "ADD 10.244.9.0/26 via 192.0.2.1 from 192.0.2.1",
                        "WITHDRAW 10.244.9.0/26 via 192.0.2.1 from 192.0.2.1");
    }

    @Test
    void staleRoutesAreFlushedWhenThePeerDoesNotReturnWithinItsRestartTime() {
        exchange();
        PeerContext a = peer("192.0.2.1", 64512, false);
        establish(a, GR);
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS));
        exchange.down(a, DownCause.CONNECTION_LOST);
        h.timers.advance(Duration.ofSeconds(119));
        assertThat(h.events).hasSize(1);
        h.timers.advance(Duration.ofSeconds(2));
        assertThat(h.events).last().asString().startsWith("WITHDRAW");
    }

    @Test
    void aNotificationOrAPeerWithoutGracefulRestartWithdrawsAtOnce() {
        exchange();
        PeerContext a = peer("192.0.2.1", 64512, false);
        PeerContext b = peer("192.0.2.2", 64512, false);
        establish(a, GR);
        establish(b, Optional.empty());
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS));
        exchange.updateReceived(b, announce("192.0.2.2", IpPrefix.parse("10.244.2.0/26")));
        exchange.down(a, DownCause.NOTIFICATION_SENT);
        exchange.down(b, DownCause.CONNECTION_LOST);
        assertThat(h.events.stream().filter(e -> e.startsWith("WITHDRAW"))).hasSize(2);
    }

    @Test
    void routesAreKeptForAListedFamilyEvenWithoutTheForwardingBit() {
        // BIRD announces ipv4 with F=0 unless restarted with -R; RFC 4724 §4.2 retains on the listing alone.
        exchange();
        PeerContext a = peer("192.0.2.1", 64512, false);
        establish(a, Optional.of(new GracefulRestartCapability(120, false, true, false)));
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS));
        exchange.down(a, DownCause.CONNECTION_LOST);
        assertThat(h.events).hasSize(1);
        assertThat(exchange.best(THEIRS).orElseThrow().stale()).isTrue();
    }

    @Test
    void aPeerReturningWithoutForwardingStateLosesItsStaleRoutes() {
        exchange();
        PeerContext a = peer("192.0.2.1", 64512, false);
        establish(a, GR);
        exchange.updateReceived(a, announce("192.0.2.1", THEIRS));
        exchange.down(a, DownCause.CONNECTION_LOST);
        establish(a, Optional.of(new GracefulRestartCapability(120, true, true, false)));
        assertThat(h.events).last().asString().startsWith("WITHDRAW");
    }

    @Test
    void routeRefreshResendsTheWholeAdjRibOut() {
        exchange();
        exchange.announce(OURS, Optional.empty());
        PeerContext a = peer("192.0.2.1", 64512, false);
        RecordingConnection c = establish(a, GR);
        exchange.routeRefreshReceived(a, IpFamily.V4, RouteRefresh.REQUEST);
        assertThat(c.sent).containsExactly("UPDATE", "END-OF-RIB", "UPDATE");
        assertThat(c.updates.getLast().announced()).containsExactly(OURS);
    }

    @Test
    void externalPeersGetOurAsPrependedAndNoLocalPref() {
        exchange();
        exchange.announce(OURS, Optional.empty());
        RecordingConnection c = establish(peer("192.0.2.1", 65001, false), GR);
        PathAttributes sent = c.updates.getFirst().attributes().orElseThrow();
        assertThat(sent.asPath()).isEqualTo(AsPath.of(AsPathSegment.sequence(64512L)));
        assertThat(sent.localPref()).isEmpty();
        assertThat(sent.nextHop()).isEqualTo(ME);
    }

    @Test
    void externalRoutesWithOurAsInThePathAreDroppedAndTheirLocalPrefIgnored() {
        exchange();
        PeerContext ext = peer("192.0.2.1", 65001, false);
        establish(ext, GR);
        PathAttributes looped = PathAttributes.originated(ip("192.0.2.1"))
                .withAsPath(AsPath.of(AsPathSegment.sequence(65001L, 64512L)));
        exchange.updateReceived(ext, RouteUpdate.announce(looped, List.of(THEIRS)));
        assertThat(h.events).isEmpty();
        PathAttributes fine = PathAttributes.originated(ip("192.0.2.1"))
                .withAsPath(AsPath.of(AsPathSegment.sequence(65001L)))
                .withLocalPref(OptionalLong.of(900));
        exchange.updateReceived(ext, RouteUpdate.announce(fine, List.of(THEIRS)));
        assertThat(exchange.best(THEIRS).orElseThrow().attributes().localPref()).isEmpty();
    }
}
