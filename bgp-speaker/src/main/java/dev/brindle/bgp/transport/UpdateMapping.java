package dev.brindle.bgp.transport;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.bgp.codec.BgpUpdate;
import dev.brindle.bgp.codec.EndOfRib;
import dev.brindle.bgp.codec.attr.AsPath;
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
import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.Ipv4;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Translates UPDATEs between the codec's wire model and the RIB's per-family {@link RouteUpdate}s. IPv4 unicast
 * travels in the UPDATE's own withdrawn/NLRI fields with a NEXT_HOP attribute (or in MP_REACH/MP_UNREACH_NLRI when a
 * peer chooses so); IPv6 unicast in MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760 §3, §4) with a 16-byte global next
 * hop, or 32 bytes global + link-local (RFC 2545 §3). The codec only parses families the session negotiated.
 */
public final class UpdateMapping {
    private UpdateMapping() {}

    public static BgpUpdate toUpdate(RouteUpdate u) {
        AfiSafi family = AfiSafi.unicast(u.family());
        if (u.isEndOfRib()) {
            return EndOfRib.of(family);
        }
        if (u.family() == IpFamily.V4) {
            List<PathAttribute> attrs = u.attributes()
                    .map(a -> toAttributes(a, Optional.of(new NextHop((Inet4Address) a.nextHop()))))
                    .orElse(List.of());
            return new BgpUpdate(u.withdrawn(), attrs, u.announced());
        }
        List<PathAttribute> attrs = new ArrayList<>();
        if (!u.announced().isEmpty()) {
            PathAttributes a = u.attributes().orElseThrow();
            attrs.add(new MpReachNlri(family, List.of(a.nextHop()), u.announced()));
            attrs.addAll(toAttributes(a, Optional.empty()));
        }
        if (!u.withdrawn().isEmpty()) {
            attrs.add(new MpUnreachNlri(family, u.withdrawn()));
        }
        return new BgpUpdate(List.of(), attrs, List.of());
    }

    private static List<PathAttribute> toAttributes(PathAttributes a, Optional<NextHop> nextHop) {
        List<PathAttribute> out = new ArrayList<>(8);
        out.add(a.origin());
        out.add(a.asPath());
        nextHop.ifPresent(out::add);
        a.med().ifPresent(m -> out.add(new Med(m)));
        a.localPref().ifPresent(l -> out.add(new LocalPref(l)));
        if (!a.communities().isEmpty()) {
            out.add(new Communities(a.communities()));
        }
        a.originatorId().ifPresent(id -> out.add(new OriginatorId((Inet4Address) Ipv4.fromInt(id))));
        if (!a.clusterList().isEmpty()) {
            out.add(new ClusterList(a.clusterList().stream()
                    .map(id -> (Inet4Address) Ipv4.fromInt(id))
                    .toList()));
        }
        out.addAll(a.opaque());
        return out;
    }

    /**
     * The IPv4 and IPv6 unicast content of a received UPDATE (after the codec's RFC 7606 handling), one {@link
     * RouteUpdate} per family that has any; an End-of-RIB marker becomes that family's marker. Announcements without
     * a usable next hop are treated as withdrawals (RFC 7606 §3 d). Empty for an UPDATE with nothing for us.
     */
    public static List<RouteUpdate> fromUpdate(BgpUpdate u) {
        Optional<AfiSafi> eor = EndOfRib.family(u);
        if (eor.isPresent()) {
            return eor.get()
                    .ipFamily()
                    .map(f -> List.of(RouteUpdate.endOfRib(f)))
                    .orElse(List.of());
        }
        Part v4 = new Part(IpFamily.V4);
        Part v6 = new Part(IpFamily.V6);
        v4.withdrawn.addAll(u.withdrawn());
        v4.announced.addAll(u.nlri());
        v4.nextHop = u.attribute(NextHop.class).map(NextHop::address);
        for (PathAttribute a : u.attributes()) {
            if (a instanceof MpReachNlri r) {
                Part p = r.afiSafi().equals(AfiSafi.IPV4_UNICAST) ? v4 : v6;
                p.announced.addAll(r.nlri());
                p.nextHop = Optional.of(usableNextHop(r.nextHops()));
            } else if (a instanceof MpUnreachNlri w) {
                (w.afiSafi().equals(AfiSafi.IPV4_UNICAST) ? v4 : v6).withdrawn.addAll(w.withdrawn());
            }
        }
        List<RouteUpdate> out = new ArrayList<>(2);
        v4.toUpdate(u).ifPresent(out::add);
        v6.toUpdate(u).ifPresent(out::add);
        return out;
    }

    /**
     * RFC 2545 §3: the first next hop is the global address, the second (if any) the link-local one. A peer that
     * has no global address sends :: first; then the link-local one is all there is.
     */
    private static InetAddress usableNextHop(List<InetAddress> hops) {
        InetAddress first = hops.getFirst();
        return first.isAnyLocalAddress() && hops.size() > 1 ? hops.get(1) : first;
    }

    /** One family's share of a received UPDATE. */
    private static final class Part {
        final IpFamily family;
        final List<IpPrefix> withdrawn = new ArrayList<>();
        final List<IpPrefix> announced = new ArrayList<>();
        Optional<InetAddress> nextHop = Optional.empty();

        Part(IpFamily family) {
            this.family = family;
        }

        Optional<RouteUpdate> toUpdate(BgpUpdate u) {
            if (announced.isEmpty()) {
                return withdrawn.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new RouteUpdate(family, withdrawn, Optional.empty(), List.of()));
            }
            if (nextHop.isEmpty() || IpFamily.of(nextHop.get()) != family) {
                withdrawn.addAll(announced);
                return Optional.of(new RouteUpdate(family, withdrawn, Optional.empty(), List.of()));
            }
            return Optional.of(
                    new RouteUpdate(family, withdrawn, Optional.of(fromAttributes(u, nextHop.get())), announced));
        }
    }

    private static PathAttributes fromAttributes(BgpUpdate u, InetAddress nextHop) {
        List<UnknownAttribute> unknown = new ArrayList<>();
        for (PathAttribute a : u.attributes()) {
            if (a instanceof UnknownAttribute x) {
                unknown.add(x);
            }
        }
        return new PathAttributes(
                u.attribute(Origin.class).orElse(Origin.INCOMPLETE),
                u.attribute(AsPath.class).orElse(AsPath.EMPTY),
                nextHop,
                u.attribute(Med.class).map(m -> OptionalLong.of(m.value())).orElse(OptionalLong.empty()),
                u.attribute(LocalPref.class)
                        .map(l -> OptionalLong.of(l.value()))
                        .orElse(OptionalLong.empty()),
                u.attribute(Communities.class).map(Communities::values).orElse(List.of()),
                u.attribute(OriginatorId.class)
                        .map(o -> OptionalInt.of(Ipv4.toInt(o.id())))
                        .orElse(OptionalInt.empty()),
                u.attribute(ClusterList.class)
                        .map(c -> c.clusterIds().stream().map(Ipv4::toInt).toList())
                        .orElse(List.of()),
                unknown);
    }
}
