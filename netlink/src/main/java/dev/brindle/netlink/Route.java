package dev.brindle.netlink;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A route (RTM_NEWROUTE) with a single next hop. Build one with {@link #to(IpPrefix)}.
 *
 * @param table the routing table (RTA_TABLE), {@link RouteTables#MAIN} by default
 * @param protocol rtm_protocol, see {@link RouteProtocol}
 * @param outputIndex ifindex of the output device (RTA_OIF), 0 for none
 * @param onlink RTNH_F_ONLINK: the gateway is reachable on the device even though no address covers it
 * @param priority the metric (RTA_PRIORITY); IPv6 routes added with 0 get 1024 from the kernel
 * @param mtu the route MTU (RTA_METRICS/RTAX_MTU), 0 for none
 * @param source the preferred source address (RTA_PREFSRC)
 */
public record Route(
        IpPrefix destination,
        RouteType type,
        int table,
        int protocol,
        RouteScope scope,
        Optional<InetAddress> gateway,
        int outputIndex,
        boolean onlink,
        int priority,
        int mtu,
        Optional<InetAddress> source) {

    public Route {
        if (table <= 0) {
            throw new IllegalArgumentException("route " + destination + ": table " + table + " must be > 0");
        }
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("route " + destination + ": protocol " + protocol + " is not 0..255");
        }
        if (outputIndex < 0 || priority < 0 || mtu < 0) {
            throw new IllegalArgumentException("route " + destination + ": device index " + outputIndex + ", metric "
                    + priority + " and mtu " + mtu + " must not be negative");
        }
        IpFamily family = destination.family();
        gateway.ifPresent(gw -> {
            if (IpFamily.of(gw) != family) {
                throw new IllegalArgumentException(
                        "route " + destination + ": gateway " + IpAddresses.format(gw) + " is another IP family");
            }
        });
        source.ifPresent(src -> {
            if (IpFamily.of(src) != family) {
                throw new IllegalArgumentException(
                        "route " + destination + ": source " + IpAddresses.format(src) + " is another IP family");
            }
        });
        if (type.isReject() && (gateway.isPresent() || onlink)) {
            throw new IllegalArgumentException("route " + destination + ": a " + type + " route has no next hop");
        }
        if (type == RouteType.UNICAST && gateway.isEmpty() && outputIndex == 0) {
            throw new IllegalArgumentException(
                    "route " + destination + ": a unicast route needs a gateway or a device");
        }
        if (onlink && outputIndex == 0) {
            throw new IllegalArgumentException("route " + destination + ": onlink needs an output device");
        }
    }

    public IpFamily family() {
        return destination.family();
    }

    /** Starts a unicast route in the main table, protocol boot (as {@code ip route add}). */
    public static Builder to(IpPrefix destination) {
        return new Builder(destination);
    }

    /** A blackhole route, as for Calico's local blocks. */
    public static Builder blackhole(IpPrefix destination) {
        return new Builder(destination).type(RouteType.BLACKHOLE);
    }

    public Builder toBuilder() {
        Builder b = new Builder(destination)
                .type(type)
                .table(table)
                .protocol(protocol)
                .scope(scope)
                .device(outputIndex)
                .metric(priority)
                .mtu(mtu);
        b.gateway = gateway;
        b.source = source;
        b.onlink = onlink;
        return b;
    }

    @Override
    public String toString() {
        var sb = new StringBuilder();
        if (type != RouteType.UNICAST) {
            sb.append(type.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
        }
        sb.append(destination);
        gateway.ifPresent(g -> sb.append(" via ").append(IpAddresses.format(g)));
        if (outputIndex != 0) {
            sb.append(" dev #").append(outputIndex);
        }
        if (table != RouteTables.MAIN) {
            sb.append(" table ").append(table);
        }
        sb.append(" proto ").append(protocol);
        if (scope != RouteScope.UNIVERSE) {
            sb.append(" scope ").append(scope.name().toLowerCase(java.util.Locale.ROOT));
        }
        source.ifPresent(s -> sb.append(" src ").append(IpAddresses.format(s)));
        if (priority != 0) {
            sb.append(" metric ").append(priority);
        }
        if (onlink) {
            sb.append(" onlink");
        }
        if (mtu != 0) {
            sb.append(" mtu ").append(mtu);
        }
        return sb.toString();
    }

    /** Fills in the defaults {@code ip route add} would: scope link for a device route, universe otherwise. */
    public static final class Builder {
        private final IpPrefix destination;
        private RouteType type = RouteType.UNICAST;
        private int table = RouteTables.MAIN;
        private int protocol = RouteProtocol.BOOT;
        private RouteScope scope;
        private Optional<InetAddress> gateway = Optional.empty();
        private int outputIndex;
        private boolean onlink;
        private int priority;
        private int mtu;
        private Optional<InetAddress> source = Optional.empty();

        private Builder(IpPrefix destination) {
            this.destination = destination;
        }

        public Builder type(RouteType value) {
            this.type = value;
            return this;
        }

        public Builder table(int value) {
            this.table = value;
            return this;
        }

        public Builder protocol(int value) {
            this.protocol = value;
            return this;
        }

        public Builder scope(RouteScope value) {
            this.scope = value;
            return this;
        }

        public Builder via(InetAddress value) {
            this.gateway = Optional.of(value);
            return this;
        }

        public Builder device(int ifindex) {
            this.outputIndex = ifindex;
            return this;
        }

        public Builder onlink() {
            this.onlink = true;
            return this;
        }

        public Builder metric(int value) {
            this.priority = value;
            return this;
        }

        public Builder mtu(int value) {
            this.mtu = value;
            return this;
        }

        public Builder source(InetAddress value) {
            this.source = Optional.of(value);
            return this;
        }

        public Route build() {
            RouteScope s = scope;
            if (s == null) {
                s = type == RouteType.UNICAST && gateway.isEmpty() ? RouteScope.LINK : RouteScope.UNIVERSE;
            }
            return new Route(
                    destination, type, table, protocol, s, gateway, outputIndex, onlink, priority, mtu, source);
        }
    }
}
