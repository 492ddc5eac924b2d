package dev.brindle.cni.dataplane;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A main-table unicast route through a device: {@code 169.254.1.1 dev eth0 scope link} has no gateway and link
 * scope; {@code default via 169.254.1.1 dev eth0} has a gateway and global scope.
 */
public record RouteSpec(IpPrefix dst, Optional<InetAddress> gateway, String dev, boolean linkScope) {
    public static RouteSpec link(IpPrefix dst, String dev) {
        return new RouteSpec(dst, Optional.empty(), dev, true);
    }

    public static RouteSpec via(IpPrefix dst, InetAddress gateway, String dev) {
        return new RouteSpec(dst, Optional.of(gateway), dev, false);
    }

    @Override
    public String toString() {
        return dst + gateway.map(g -> " via " + IpAddresses.format(g)).orElse("") + " dev " + dev
                + (linkScope ? " scope link" : "");
    }
}
