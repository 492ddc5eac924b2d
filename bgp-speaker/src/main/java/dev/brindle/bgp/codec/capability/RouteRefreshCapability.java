package dev.brindle.bgp.codec.capability;

/** Route refresh (RFC 2918 §2): empty value. */
public record RouteRefreshCapability() implements Capability {
    @Override
    public int code() {
        return ROUTE_REFRESH;
    }
}
