package dev.brindle.agent.dataplane;

import java.util.Objects;

/**
 * Settings of the desired-state computation.
 *
 * @param ipipSupported the kernel has the ipip module ({@code tunl0} exists); without it IPIP pools are reported,
 *     never half-programmed
 */
public record DataplaneOptions(RouteSource routeSource, boolean ipipSupported) {
    public DataplaneOptions {
        Objects.requireNonNull(routeSource, "routeSource");
    }
}
