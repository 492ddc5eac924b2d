package dev.brindle.agent.routing;

import java.time.Duration;

/**
 * How the BGP wiring runs.
 *
 * @param gracefulRestartSeconds the restart time announced to peers (RFC 4724 §3): how long they keep our routes
 *     while the agent restarts
 * @param convergenceTimeout how long after start the dataplane keeps routes a previous run programmed when some
 *     peer has still not come back
 */
public record RoutingConfig(int gracefulRestartSeconds, Duration convergenceTimeout) {
    public static RoutingConfig defaults() {
        return new RoutingConfig(120, Duration.ofSeconds(30));
    }
}
