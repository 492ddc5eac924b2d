package dev.brindle.bgp.transport;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.bgp.codec.BgpNotification;
import dev.brindle.bgp.codec.BgpOpen;
import dev.brindle.bgp.codec.Octets;
import dev.brindle.bgp.codec.capability.Capability;
import dev.brindle.bgp.codec.capability.EnhancedRouteRefreshCapability;
import dev.brindle.bgp.codec.capability.FourOctetAsCapability;
import dev.brindle.bgp.codec.capability.GracefulRestartCapability;
import dev.brindle.bgp.codec.capability.MultiprotocolCapability;
import dev.brindle.bgp.codec.capability.RouteRefreshCapability;
import dev.brindle.bgp.session.Ipv4;
import dev.brindle.bgp.session.NotificationReason;
import dev.brindle.bgp.session.OpenParameters;
import dev.brindle.core.IpFamily;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates OPEN and NOTIFICATION between the codec's wire model and the session records; UPDATEs are {@link
 * UpdateMapping}'s. The session layer names families by {@link IpFamily} (unicast implied): those are the only ones
 * the speaker carries (RFC 4760 multiprotocol capability per family).
 */
public final class MessageMapping {
    private static final List<IpFamily> FAMILIES = List.of(IpFamily.V4, IpFamily.V6);

    private MessageMapping() {}

    // ---------------------------------------------------------------- OPEN

    public static BgpOpen toOpen(OpenParameters p) {
        List<Capability> caps = new ArrayList<>();
        for (IpFamily f : FAMILIES) {
            if (p.families().contains(f)) {
                caps.add(new MultiprotocolCapability(AfiSafi.unicast(f)));
            }
        }
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
                        FAMILIES.stream()
                                .filter(gr::lists)
                                .map(f -> new GracefulRestartCapability.Family(AfiSafi.unicast(f), gr.preserves(f)))
                                .toList())));
        caps.add(new FourOctetAsCapability(p.asNumber()));
        return BgpOpen.create(p.asNumber(), p.holdTimeSeconds(), (Inet4Address) Ipv4.fromInt(p.bgpIdentifier()), caps);
    }

    public static OpenParameters fromOpen(BgpOpen o) {
        Optional<dev.brindle.bgp.session.GracefulRestartCapability> gr = o.capability(GracefulRestartCapability.class)
                .map(c -> {
                    Map<IpFamily, Boolean> families = new EnumMap<>(IpFamily.class);
                    for (GracefulRestartCapability.Family f : c.families()) {
                        f.afiSafi().ipFamily().ifPresent(ip -> families.put(ip, f.forwardingPreserved()));
                    }
                    return new dev.brindle.bgp.session.GracefulRestartCapability(
                            c.restartTimeSeconds(), c.restarting(), families);
                });
        Set<IpFamily> families = EnumSet.noneOf(IpFamily.class);
        for (AfiSafi f : o.families()) {
            f.ipFamily().ifPresent(families::add);
        }
        return new OpenParameters(
                o.asNumber(),
                o.holdTime(),
                Ipv4.toInt(o.bgpIdentifier()),
                families,
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
}
