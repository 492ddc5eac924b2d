package dev.brindle.agent.dataplane;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One route this node should have, with its device named rather than numbered: the reconciler resolves names to
 * ifindexes when it programs the route, so the desired state stays pure data.
 *
 * @param via the next hop; empty only for a blackhole
 * @param device the output device; empty only for a blackhole
 * @param onlink RTNH_F_ONLINK: the tunnel forms have a next hop no address on the device covers
 */
public record DesiredRoute(
        IpPrefix destination, RouteKind kind, Optional<InetAddress> via, Optional<String> device, boolean onlink) {
    public DesiredRoute {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(kind, "kind");
        boolean blackhole = kind == RouteKind.BLACKHOLE;
        if (blackhole != via.isEmpty() || blackhole != device.isEmpty()) {
            throw new IllegalArgumentException("route " + destination + " (" + kind.label()
                    + "): a blackhole has neither next hop nor device, every other form has both");
        }
    }

    public static DesiredRoute blackhole(IpPrefix destination) {
        return new DesiredRoute(destination, RouteKind.BLACKHOLE, Optional.empty(), Optional.empty(), false);
    }

    public static DesiredRoute noEncap(IpPrefix destination, InetAddress via, String underlay) {
        return new DesiredRoute(destination, RouteKind.NO_ENCAP, Optional.of(via), Optional.of(underlay), false);
    }

    public static DesiredRoute ipip(IpPrefix destination, InetAddress nodeAddress) {
        return new DesiredRoute(
                destination, RouteKind.IPIP, Optional.of(nodeAddress), Optional.of(Tunl0Device.NAME), true);
    }

    public static DesiredRoute vxlan(IpPrefix destination, InetAddress remoteVtep) {
        return new DesiredRoute(
                destination, RouteKind.VXLAN, Optional.of(remoteVtep), Optional.of(VxlanDevice.NAME), true);
    }

    /** As {@code ip route} prints it, for logs and test failures. */
    @Override
    public String toString() {
        if (kind == RouteKind.BLACKHOLE) {
            return "blackhole " + destination + " proto brindle";
        }
        return destination + " via " + IpAddresses.format(via.orElseThrow()) + " dev " + device.orElseThrow()
                + " proto brindle" + (onlink ? " onlink" : "");
    }
}
