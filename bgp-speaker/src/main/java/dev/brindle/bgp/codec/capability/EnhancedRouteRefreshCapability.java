package dev.brindle.bgp.codec.capability;

/** Enhanced route refresh (RFC 7313 §3.1): empty value; enables the BoRR/EoRR ROUTE-REFRESH subtypes. */
public record EnhancedRouteRefreshCapability() implements Capability {
    @Override
    public int code() {
        return ENHANCED_ROUTE_REFRESH;
    }
}
