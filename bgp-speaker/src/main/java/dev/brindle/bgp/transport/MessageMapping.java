package dev.brindle.bgp.transport;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.bgp.codec.BgpNotification;
import dev.brindle.bgp.codec.BgpOpen;
import dev.brindle.bgp.codec.BgpUpdate;
import dev.brindle.bgp.codec.Octets;
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
import dev.brindle.bgp.codec.capability.Capability;
import dev.brindle.bgp.codec.capability.EnhancedRouteRefreshCapability;
import dev.brindle.bgp.codec.capability.FourOctetAsCapability;
import dev.brindle.bgp.codec.capability.GracefulRestartCapability;
import dev.brindle.bgp.codec.capability.MultiprotocolCapability;
import dev.brindle.bgp.codec.capability.RouteRefreshCapability;
import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.Ipv4;
import dev.brindle.bgp.session.NotificationReason;
import dev.brindle.bgp.session.OpenParameters;
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
 * Translates between the codec's wire model and the session/RIB records. IPv4 unicast only: that is the one family
 * we announce in the multiprotocol capability, so a well-behaved peer sends nothing else.
 */
public final class MessageMapping {
    private MessageMapping() {}

    // ---------------------------------------------------------------- OPEN

    public static BgpOpen toOpen(OpenParameters p) {
        List<Capability> caps = new ArrayList<>();
        caps.add(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST));
        if (p.routeRefresh()) {
            caps.add(new RouteRefreshCapability());
        }
        if (p.enhancedRouteRefresh()) {
            caps.add(new EnhancedRouteRefreshCapability());
        }
        p.gracefulRestart()
                .ifPresent(gr -> caps.add(new GracefulRestartCapability(
                        gr.restarting(),
                        false,
                        gr.restartTimeSeconds(),
                        gr.ipv4Unicast()
                                ? List.of(new GracefulRestartCapability.Family(
                                        AfiSafi.IPV4_UNICAST, gr.ipv4ForwardingPreserved()))
                                : List.of())));
        caps.add(new FourOctetAsCapability(p.asNumber()));
        return BgpOpen.create(p.asNumber(), p.holdTimeSeconds(), (Inet4Address) Ipv4.fromInt(p.bgpIdentifier()), caps);
    }

    public static OpenParameters fromOpen(BgpOpen o) {
        Optional<dev.brindle.bgp.session.GracefulRestartCapability> gr = o.capability(GracefulRestartCapability.class)
                .map(c -> {
                    Optional<GracefulRestartCapability.Family> v4 = c.families().stream()
                            .filter(f -> f.afiSafi().equals(AfiSafi.IPV4_UNICAST))
                            .findFirst();
                    return new dev.brindle.bgp.session.GracefulRestartCapability(
                            c.restartTimeSeconds(),
                            c.restarting(),
                            v4.isPresent(),
                            v4.map(GracefulRestartCapability.Family::forwardingPreserved)
                                    .orElse(false));
                });
        return new OpenParameters(
                o.asNumber(),
                o.holdTime(),
                Ipv4.toInt(o.bgpIdentifier()),
                o.families().contains(AfiSafi.IPV4_UNICAST),
                o.capability(FourOctetAsCapability.class).isPresent(),
                o.capability(RouteRefreshCapability.class).isPresent(),
                o.capability(EnhancedRouteRefreshCapability.class).isPresent(),
                gr);
    }

    // ---------------------------------------------------------------- NOTIFICATION

    public static BgpNotification toNotification(NotificationReason r) {
        return new BgpNotification(r.code(), r.subcode(), Octets.of(r.data()));
    }

    public static NotificationReason fromNotification(BgpNotification n) {
        return new NotificationReason(n.code(), n.subcode(), n.data().toByteArray());
    }

    // ---------------------------------------------------------------- UPDATE

    public static BgpUpdate toUpdate(RouteUpdate u) {
        List<PathAttribute> attrs =
                u.attributes().map(MessageMapping::toAttributes).orElse(List.of());
        return new BgpUpdate(u.withdrawn(), attrs, u.announced());
    }

    static List<PathAttribute> toAttributes(PathAttributes a) {
        List<PathAttribute> out = new ArrayList<>(8);
        out.add(a.origin());
        out.add(a.asPath());
        out.add(new NextHop((Inet4Address) a.nextHop()));
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
     * The IPv4 unicast content of a received UPDATE (after the codec's RFC 7606 handling). Announcements without a
     * usable next hop are treated as withdrawals (RFC 7606 §3 d).
     */
    public static RouteUpdate fromUpdate(BgpUpdate u) {
        List<IpPrefix> withdrawn = new ArrayList<>(u.withdrawn());
        List<IpPrefix> announced = new ArrayList<>(u.nlri());
        Optional<InetAddress> nextHop = u.attribute(NextHop.class).map(NextHop::address);
        for (PathAttribute a : u.attributes()) {
            if (a instanceof MpReachNlri r && r.afiSafi().equals(AfiSafi.IPV4_UNICAST)) {
                announced.addAll(r.nlri());
                nextHop = Optional.of(r.nextHops().getFirst());
            } else if (a instanceof MpUnreachNlri w && w.afiSafi().equals(AfiSafi.IPV4_UNICAST)) {
                withdrawn.addAll(w.withdrawn());
            }
        }
        if (announced.isEmpty()) {
            return new RouteUpdate(withdrawn, Optional.empty(), List.of());
        }
        if (nextHop.isEmpty() || IpFamily.of(nextHop.get()) != IpFamily.V4) {
            withdrawn.addAll(announced);
            return new RouteUpdate(withdrawn, Optional.empty(), List.of());
        }
        return new RouteUpdate(withdrawn, Optional.of(fromAttributes(u, nextHop.get())), announced);
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
