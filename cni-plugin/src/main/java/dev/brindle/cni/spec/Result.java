package dev.brindle.cni.spec;

import dev.brindle.core.AddressWithPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CNI result in the newest shape (1.1.0); {@link ResultCodec} reads every supported version into it and prints it
 * back in the requested one. Delegated IPAM returns the abbreviated form: no interfaces, no interface indexes.
 */
public record Result(List<Iface> interfaces, List<IpConfig> ips, List<Route> routes, Map<String, Object> dns) {

    public Result {
        interfaces = List.copyOf(interfaces);
        ips = List.copyOf(ips);
        routes = List.copyOf(routes);
        dns = ordered(dns);
        for (IpConfig ip : ips) {
            int i = ip.interfaceIndex().orElse(0);
            if (ip.interfaceIndex().isPresent() && (i < 0 || i >= interfaces.size())) {
                throw new IllegalArgumentException("ips[].interface " + i + " does not index one of the "
                        + interfaces.size() + " interfaces of the result");
            }
        }
    }

    /** An unmodifiable copy that keeps the order, so printed JSON is stable. */
    static Map<String, Object> ordered(Map<String, Object> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    public static Result empty() {
        return new Result(List.of(), List.of(), List.of(), Map.of());
    }

    /**
     * This result with {@code more} appended after it: interfaces, addresses (with their interface indexes shifted
     * past ours) and routes; {@code more}'s DNS wins when it has any. How a plugin amends a prevResult.
     */
    public Result append(Result more) {
        List<Iface> ifaces = new ArrayList<>(interfaces);
        ifaces.addAll(more.interfaces);
        List<IpConfig> allIps = new ArrayList<>(ips);
        int shift = interfaces.size();
        for (IpConfig ip : more.ips) {
            allIps.add(
                    new IpConfig(ip.address(), ip.gateway(), ip.interfaceIndex().map(i -> i + shift)));
        }
        List<Route> allRoutes = new ArrayList<>(routes);
        allRoutes.addAll(more.routes);
        return new Result(ifaces, allIps, allRoutes, more.dns.isEmpty() ? dns : more.dns);
    }

    /** One entry of {@code interfaces}; {@code sandbox} is empty for host-side interfaces. */
    public record Iface(
            String name,
            Optional<String> mac,
            Optional<Integer> mtu,
            Optional<String> sandbox,
            Map<String, Object> extra) {
        public Iface {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("an interface in a result needs a name");
            }
            extra = ordered(extra);
        }

        public static Iface of(String name, String mac, Integer mtu, String sandbox) {
            return new Iface(
                    name,
                    Optional.ofNullable(mac),
                    Optional.ofNullable(mtu),
                    Optional.ofNullable(sandbox).filter(s -> !s.isEmpty()),
                    Map.of());
        }
    }

    /** One entry of {@code ips}; {@code interfaceIndex} points into {@code interfaces}. */
    public record IpConfig(
            AddressWithPrefix address, Optional<InetAddress> gateway, Optional<Integer> interfaceIndex) {}

    /**
     * One entry of {@code routes}. {@code dst} keeps the text given (IPAM plugins sometimes write host bits);
     * {@code extra} holds the 1.1.0 fields (mtu, advmss, priority, table, scope), printed only in 1.1.0.
     */
    public record Route(AddressWithPrefix dst, Optional<InetAddress> gw, Map<String, Object> extra) {
        public Route {
            extra = ordered(extra);
        }
    }
}
