package dev.brindle.agent.ops;

import picocli.CommandLine.Option;

/**
 * The node agent's networking flags (CONTRACT.md "Node agent"), a picocli mixin for {@code brindle-node}'s command
 * line: health and metrics listeners, and whether BGP distributes routes.
 */
public final class NetworkingOptions {
    @Option(
            names = "--health-listen",
            defaultValue = "127.0.0.1:9099",
            description = "host:port for /liveness and /readiness (default: ${DEFAULT-VALUE}).")
    String healthListen;

    @Option(
            names = "--metrics-listen",
            defaultValue = "127.0.0.1:9091",
            description = "host:port for Prometheus /metrics (default: ${DEFAULT-VALUE}).")
    String metricsListen;

    @Option(
            names = "--bgp",
            defaultValue = "true",
            negatable = true,
            description = "Run the BGP speaker (full mesh, BGPPeers) and take no-encap/IPIP routes from it; with"
                    + " --no-bgp every route comes from the datastore (default: ${DEFAULT-VALUE}).")
    boolean bgp;

    @Option(
            names = "--resync-interval",
            defaultValue = "PT90S",
            description = "Full kernel resync period, ISO-8601 (default: ${DEFAULT-VALUE}).")
    java.time.Duration resyncInterval;
}
