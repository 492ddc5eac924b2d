package dev.brindle.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.codec.attr.AsPath;
import dev.brindle.bgp.codec.attr.AsPathSegment;
import dev.brindle.bgp.codec.attr.Origin;
import dev.brindle.bgp.session.Ipv4;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DecisionProcessTest {
    static final IpPrefix P = IpPrefix.parse("10.244.1.0/26");

    static RouteSource.Peer peer(String addr, long as, boolean internal) {
        return new RouteSource.Peer(IpAddresses.parse(addr), as, Ipv4.toInt(IpAddresses.parse(addr)), internal, false);
    }

    static PathAttributes attrs(String nextHop) {
        return PathAttributes.originated(IpAddresses.parse(nextHop));
    }

    static Route route(PathAttributes a, RouteSource s) {
        return new Route(P, a, s, false);
    }

    static Route best(Route... rs) {
        return DecisionProcess.best(List.of(rs)).orElseThrow();
    }

    @Test
    void prefersOurOwnAnnouncementOverAnyLearnedRoute() {
        Route local = route(attrs("192.0.2.100"), RouteSource.LOCAL);
        Route learned = route(attrs("192.0.2.1").withLocalPref(OptionalLong.of(500)), peer("192.0.2.1", 64512, true));
        assertThat(best(learned, local)).isSameAs(local);
    }

    @Test
    void prefersTheHigherLocalPref() {
        Route a = route(attrs("192.0.2.1"), peer("192.0.2.1", 64512, true));
        Route b = route(attrs("192.0.2.2").withLocalPref(OptionalLong.of(200)), peer("192.0.2.2", 64512, true));
        assertThat(best(a, b)).isSameAs(b);
    }

    @Test
    void prefersTheShorterAsPathCountingAnAsSetAsOne() {
        AsPath seq3 = AsPath.of(AsPathSegment.sequence(65001L, 65002L, 65003L));
        AsPath seqAndSet = AsPath.of(AsPathSegment.sequence(65001L), AsPathSegment.set(65005L, 65006L, 65007L));
        Route a = route(attrs("192.0.2.1").withAsPath(seq3), peer("192.0.2.1", 65001, false));
        Route b = route(attrs("192.0.2.2").withAsPath(seqAndSet), peer("192.0.2.2", 65001, false));
        assertThat(best(a, b)).isSameAs(b);
    }

    @Test
    void prefersTheLowerOrigin() {
        PathAttributes incomplete = new PathAttributes(
                Origin.INCOMPLETE,
                AsPath.EMPTY,
                IpAddresses.parse("192.0.2.1"),
                OptionalLong.empty(),
                OptionalLong.of(100),
                List.of(),
                java.util.OptionalInt.empty(),
                List.of(),
                List.of());
        Route a = route(incomplete, peer("192.0.2.1", 64512, true));
        Route b = route(attrs("192.0.2.2"), peer("192.0.2.2", 64512, true));
        assertThat(best(a, b)).isSameAs(b);
    }

    @Test
    void comparesMedOnlyBetweenRoutesFromTheSameNeighbourAs() {
        AsPath viaA = AsPath.of(AsPathSegment.sequence(65001L));
        AsPath viaB = AsPath.of(AsPathSegment.sequence(65002L));
        Route a1 = route(
                attrs("192.0.2.1").withAsPath(viaA).withMed(OptionalLong.of(50)), peer("192.0.2.1", 65001, false));
        Route a2 = route(
                attrs("192.0.2.2").withAsPath(viaA).withMed(OptionalLong.of(10)), peer("192.0.2.2", 65001, false));
        Route b = route(
                attrs("192.0.2.3").withAsPath(viaB).withMed(OptionalLong.of(99)), peer("192.0.2.3", 65002, false));
        // a1 loses to a2 on MED; b is not compared on MED; then lowest router ID: a2 (.2) beats b (.3).
        assertThat(best(a1, a2, b)).isSameAs(a2);
        assertThat(best(a1, b)).isSameAs(a1);
    }

    @Test
    void prefersExternalOverInternal() {
        AsPath one = AsPath.of(AsPathSegment.sequence(65001L));
        Route internal = route(attrs("192.0.2.1").withAsPath(one), peer("192.0.2.1", 64512, true));
        Route external = route(attrs("192.0.2.9").withAsPath(one), peer("192.0.2.9", 65001, false));
        assertThat(best(internal, external)).isSameAs(external);
    }

    @Test
    void breaksTiesOnOriginatorIdThenClusterListLengthThenPeerAddress() {
        Route reflected = route(
                attrs("192.0.2.7")
                        .withReflection(
                                java.util.OptionalInt.of(Ipv4.toInt(IpAddresses.parse("192.0.2.7"))), List.of(1)),
                peer("192.0.2.1", 64512, true));
        Route direct = route(attrs("192.0.2.5"), peer("192.0.2.5", 64512, true));
        assertThat(best(reflected, direct)).isSameAs(direct); // .5 < ORIGINATOR_ID .7
        Route longer = route(
                attrs("192.0.2.5").withReflection(java.util.OptionalInt.of(5), List.of(1, 2)),
                peer("192.0.2.3", 64512, true));
        Route shorter = route(
                attrs("192.0.2.5").withReflection(java.util.OptionalInt.of(5), List.of(1)),
                peer("192.0.2.4", 64512, true));
        assertThat(best(longer, shorter)).isSameAs(shorter);
    }

    @Test
    void locRibReportsOnlyRealChanges() {
        LocRib rib = new LocRib();
        Route a = route(attrs("192.0.2.1"), peer("192.0.2.1", 64512, true));
        assertThat(rib.put(a)).isPresent();
        assertThat(rib.put(a)).isEmpty();
        Route b = route(attrs("192.0.2.2").withLocalPref(OptionalLong.of(50)), peer("192.0.2.2", 64512, true));
        assertThat(rib.put(b)).isEmpty(); // worse: best unchanged
        BestChange gone = rib.remove(P, a.source()).orElseThrow();
        assertThat(gone.current()).contains(b);
        assertThat(rib.remove(P, b.source()).orElseThrow().current()).isEmpty();
        assertThat(rib.size()).isZero();
    }
}
