package dev.brindle.netlink;

import dev.brindle.core.IpFamily;
import java.util.Optional;

/**
 * Which routes a dump returns. Empty fields match everything. Routes of type LOCAL/BROADCAST (the kernel's local
 * table) are included only when {@code table} asks for the local table or is empty.
 */
public record RouteFilter(
        Optional<IpFamily> family, Optional<Integer> table, Optional<Integer> protocol, int outputIndex) {

    public static RouteFilter all() {
        return new RouteFilter(Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    /** The main table, both families: what {@code ip route} plus {@code ip -6 route} show. */
    public static RouteFilter main() {
        return all().inTable(RouteTables.MAIN);
    }

    public RouteFilter family(IpFamily value) {
        return new RouteFilter(Optional.of(value), table, protocol, outputIndex);
    }

    public RouteFilter inTable(int value) {
        return new RouteFilter(family, Optional.of(value), protocol, outputIndex);
    }

    public RouteFilter protocol(int value) {
        return new RouteFilter(family, table, Optional.of(value), outputIndex);
    }

    public RouteFilter device(int ifindex) {
        return new RouteFilter(family, table, protocol, ifindex);
    }

    public boolean matches(Route route) {
        return family.map(f -> f == route.family()).orElse(true)
                && table.map(t -> t == route.table()).orElse(true)
                && protocol.map(p -> p == route.protocol()).orElse(true)
                && (outputIndex == 0 || outputIndex == route.outputIndex());
    }
}
