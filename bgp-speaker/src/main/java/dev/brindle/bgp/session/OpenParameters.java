package dev.brindle.bgp.session;

import java.util.Optional;

/**
 * The fields of an OPEN (RFC 4271 §4.2) and the capabilities (RFC 5492) the session layer acts on, in either
 * direction. The transport maps the codec's message to and from this record.
 *
 * @param asNumber the speaker's AS: the 4-octet AS capability's value when present (RFC 6793), else My AS
 * @param holdTimeSeconds 0, or at least 3 (RFC 4271 §4.2)
 * @param bgpIdentifier the BGP Identifier as an unsigned 32-bit value held in an int
 */
public record OpenParameters(
        long asNumber,
        int holdTimeSeconds,
        int bgpIdentifier,
        boolean ipv4Unicast,
        boolean fourOctetAs,
        boolean routeRefresh,
        boolean enhancedRouteRefresh,
        Optional<GracefulRestartCapability> gracefulRestart) {

    public OpenParameters {
        if (asNumber < 0 || asNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AS number " + asNumber + " must be 0..4294967295");
        }
        if (holdTimeSeconds < 0 || holdTimeSeconds > 0xFFFF) {
            throw new IllegalArgumentException("hold time " + holdTimeSeconds + " must be 0..65535");
        }
    }
}
