package dev.brindle.bgp.codec;

import dev.brindle.bgp.codec.attr.Aggregator;
import dev.brindle.bgp.codec.attr.AsPath;
import dev.brindle.bgp.codec.attr.AsPathSegment;
import dev.brindle.bgp.codec.attr.AtomicAggregate;
import dev.brindle.bgp.codec.attr.ClusterList;
import dev.brindle.bgp.codec.attr.Communities;
import dev.brindle.bgp.codec.attr.LocalPref;
import dev.brindle.bgp.codec.attr.Med;
import dev.brindle.bgp.codec.attr.MpReachNlri;
import dev.brindle.bgp.codec.attr.MpUnreachNlri;
import dev.brindle.bgp.codec.attr.NextHop;
import dev.brindle.bgp.codec.attr.Origin;
import dev.brindle.bgp.codec.attr.OriginatorId;
import dev.brindle.bgp.codec.attr.PathAttribute;
import dev.brindle.bgp.codec.attr.UnknownAttribute;
import dev.brindle.bgp.codec.capability.Capability;
import dev.brindle.bgp.codec.capability.EnhancedRouteRefreshCapability;
import dev.brindle.bgp.codec.capability.FourOctetAsCapability;
import dev.brindle.bgp.codec.capability.GracefulRestartCapability;
import dev.brindle.bgp.codec.capability.MultiprotocolCapability;
import dev.brindle.bgp.codec.capability.RouteRefreshCapability;
import dev.brindle.bgp.codec.capability.UnknownCapability;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every message the codec models, sized to fit one 4096-byte message. */
final class MessageArbitraries {
    private MessageArbitraries() {}

    static Arbitrary<BgpMessage> messages(boolean allowConfederationsWithBigAsns) {
        return Arbitraries.oneOf(
                opens(),
                updates(allowConfederationsWithBigAsns),
                notifications(),
                Arbitraries.just(BgpKeepalive.INSTANCE),
                routeRefreshes());
    }

    static Arbitrary<BgpMessage> opens() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 0xffff),
                        Arbitraries.integers().between(0, 0xffff),
                        ipv4(),
                        capabilities().list().ofMaxSize(8))
                .as((as, hold, id, caps) -> new BgpOpen(4, as, hold, id, caps, List.of()));
    }

    static Arbitrary<Capability> capabilities() {
        return Arbitraries.oneOf(
                families().map(MultiprotocolCapability::new),
                Arbitraries.just(new RouteRefreshCapability()),
                Arbitraries.just(new EnhancedRouteRefreshCapability()),
                asns().map(FourOctetAsCapability::new),
                Combinators.combine(
                                Arbitraries.of(true, false),
                                Arbitraries.of(true, false),
                                Arbitraries.integers().between(0, 4095),
                                Combinators.combine(families(), Arbitraries.of(true, false))
                                        .as(GracefulRestartCapability.Family::new)
                                        .list()
                                        .ofMaxSize(3))
                        .as(GracefulRestartCapability::new),
                Combinators.combine(Arbitraries.of(5, 69, 71, 73, 128), octets(12))
                        .as(UnknownCapability::new));
    }

    static Arbitrary<BgpMessage> updates(boolean allowConfederationsWithBigAsns) {
        return Combinators.combine(
                        ipv4Prefixes().list().ofMaxSize(20),
                        attributes(allowConfederationsWithBigAsns),
                        ipv4Prefixes().list().ofMaxSize(20))
                .as(BgpUpdate::new);
    }

    /** ORIGIN, AS_PATH and NEXT_HOP always (so no NLRI lacks them), then any subset of the others. */
    static Arbitrary<List<PathAttribute>> attributes(boolean allowConfederationsWithBigAsns) {
        List<Arbitrary<PathAttribute>> candidates = List.of(
                Arbitraries.longs().between(0, 0xffff_ffffL).map(Med::new),
                Arbitraries.longs().between(0, 0xffff_ffffL).map(LocalPref::new),
                Arbitraries.just(new AtomicAggregate()),
                Combinators.combine(asns(), ipv4()).as(Aggregator::new),
                Arbitraries.longs()
                        .between(0, 0xffff_ffffL)
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(10)
                        .map(Communities::new),
                ipv4().map(OriginatorId::new),
                ipv4().list().ofMinSize(1).ofMaxSize(5).map(ClusterList::new),
                mpReach(),
                ipv6Prefixes().list().ofMaxSize(10).map(p -> new MpUnreachNlri(AfiSafi.IPV6_UNICAST, p)),
                unknownAttributes());
        Arbitrary<List<PathAttribute>> optional = Combinators.combine(
                        candidates.stream().map(a -> a.injectNull(0.5)).toList())
                .as(l -> l.stream().filter(java.util.Objects::nonNull).toList())
                .flatMap(l -> Arbitraries.shuffle(l));
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2).map(Origin::new),
                        asPaths(allowConfederationsWithBigAsns),
                        ipv4().map(NextHop::new),
                        optional)
                .as((origin, path, hop, rest) -> {
                    List<PathAttribute> all = new ArrayList<>(List.of(origin, path, hop));
                    all.addAll(rest);
                    return all;
                });
    }

    private static Arbitrary<PathAttribute> mpReach() {
        Arbitrary<List<InetAddress>> hops = ipv6().list().ofMinSize(1).ofMaxSize(2);
        return Combinators.combine(hops, ipv6Prefixes().list().ofMaxSize(10))
                .as((h, p) -> (PathAttribute) new MpReachNlri(AfiSafi.IPV6_UNICAST, h, p));
    }

    private static Arbitrary<PathAttribute> unknownAttributes() {
        return Combinators.combine(Arbitraries.of(0x80, 0xc0, 0xe0), Arbitraries.of(16, 20, 32, 99, 255), octets(300))
                .as((f, t, v) -> (PathAttribute) new UnknownAttribute(f, t, v));
    }

    static Arbitrary<AsPath> asPaths(boolean allowConfederationsWithBigAsns) {
        Arbitrary<AsPathSegment> segment = Combinators.combine(
                        Arbitraries.of(AsPathSegment.Type.class),
                        asns().list().ofMinSize(1).ofMaxSize(12))
                .as(AsPathSegment::new)
                .filter(s -> allowConfederationsWithBigAsns
                        || !(s.type() == AsPathSegment.Type.AS_CONFED_SEQUENCE
                                || s.type() == AsPathSegment.Type.AS_CONFED_SET)
                        || s.asns().stream().allMatch(as -> as <= 0xffff));
        // RFC 5065 §3: confederation segments come first in a path.
        return segment.list()
                .ofMaxSize(4)
                .map(l -> l.stream()
                        .sorted(java.util.Comparator.comparing(s -> s.type() == AsPathSegment.Type.AS_CONFED_SEQUENCE
                                        || s.type() == AsPathSegment.Type.AS_CONFED_SET
                                ? 0
                                : 1))
                        .toList())
                .map(AsPath::new);
    }

    static Arbitrary<BgpMessage> notifications() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 255),
                        octets(64))
                .as(BgpNotification::new);
    }

    static Arbitrary<BgpMessage> routeRefreshes() {
        return Combinators.combine(families(), Arbitraries.integers().between(0, 255))
                .as(BgpRouteRefresh::new);
    }

    static Arbitrary<AfiSafi> families() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 0xffff),
                        Arbitraries.integers().between(0, 255))
                .as(AfiSafi::new);
    }

    /** Non-zero AS numbers (RFC 7607), biased to both sides of the 2-octet boundary. */
    static Arbitrary<Long> asns() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 0xffff), Arbitraries.longs().between(0x10000, 0xffff_ffffL));
    }

    static Arbitrary<Inet4Address> ipv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4).map(b -> (Inet4Address) IpAddresses.fromBytes(b));
    }

    static Arbitrary<InetAddress> ipv6() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16).map(MessageArbitraries::v6);
    }

    static Arbitrary<IpPrefix> ipv4Prefixes() {
        return Combinators.combine(ipv4(), Arbitraries.integers().between(0, 32))
                .as(IpPrefix::containing);
    }

    static Arbitrary<IpPrefix> ipv6Prefixes() {
        return Combinators.combine(
                        Arbitraries.bytes().array(byte[].class).ofSize(16),
                        Arbitraries.integers().between(0, 128))
                .as((b, len) -> {
                    for (int bit = len; bit < 128; bit++) {
                        b[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
                    }
                    return new IpPrefix(v6(b), len);
                });
    }

    private static InetAddress v6(byte[] b) {
        try {
            return java.net.Inet6Address.getByAddress(null, b, -1);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Arbitrary<Octets> octets(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength).map(Octets::of);
    }
}
