package dev.brindle.agent.dataplane;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the dataplane agent runs.
 *
 * @param routeSource where no-encap and IPIP routes come from (VXLAN always uses the datastore)
 * @param resyncInterval full resync period (Felix's RouteRefreshInterval, 90 s)
 * @param retryDelay how soon a pass that met a refusal is retried
 * @param nat the natOutgoing port
 */
public record DataplaneConfig(RouteSource routeSource, Duration resyncInterval, Duration retryDelay, NatTable nat) {
    public DataplaneConfig {
        Objects.requireNonNull(routeSource, "routeSource");
        Objects.requireNonNull(nat, "nat");
        if (resyncInterval.isNegative() || resyncInterval.isZero() || retryDelay.isNegative()) {
            throw new IllegalArgumentException("resync interval " + resyncInterval
                    + " must be positive and retry delay " + retryDelay + " not negative");
        }
    }

    /**
     * Production settings: 90 s resync, 1 s retry, {@code nft} in this process's namespace, routes from the
     * datastore (until a BGP speaker feeds best routes, see {@code dev.brindle.agent.routing}).
     */
    public static DataplaneConfig defaults() {
        return new DataplaneConfig(
                RouteSource.DATASTORE, Duration.ofSeconds(90), Duration.ofSeconds(1), new NftNatTable(List.of()));
    }

    public DataplaneConfig withResyncInterval(Duration interval) {
        return new DataplaneConfig(routeSource, interval, retryDelay, nat);
    }

    public DataplaneConfig withRouteSource(RouteSource source) {
        return new DataplaneConfig(source, resyncInterval, retryDelay, nat);
    }
}
