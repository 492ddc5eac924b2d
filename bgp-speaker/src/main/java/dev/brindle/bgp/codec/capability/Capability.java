package dev.brindle.bgp.codec.capability;

/**
 * One capability in an OPEN's Capabilities optional parameter (RFC 5492 §4): code, length, value. Capabilities this
 * speaker does not implement are kept as {@link UnknownCapability} and ignored by negotiation (RFC 5492 §3).
 */
public sealed interface Capability
        permits MultiprotocolCapability,
                RouteRefreshCapability,
                EnhancedRouteRefreshCapability,
                FourOctetAsCapability,
                GracefulRestartCapability,
                UnknownCapability {
    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;
    int ENHANCED_ROUTE_REFRESH = 70;

    /** The capability code (IANA "Capability Codes"). */
    int code();
}
