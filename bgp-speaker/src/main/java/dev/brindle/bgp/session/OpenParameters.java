package dev.brindle.bgp.session;

import dev.brindle.core.IpFamily;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of an OPEN (RFC 4271 §4.2) and the capabilities (RFC 5492) the session layer acts on, in either
 * direction. The transport maps the codec's message to and from this record.
 *
 * @param asNumber the speaker's AS: the 4-octet AS capability's value when present (RFC 6793), else My AS
 * @param holdTimeSeconds 0, or at least 3 (RFC 4271 §4.2)
 * @param bgpIdentifier the BGP Identifier as an unsigned 32-bit value held in an int
 * @param families the unicast families of the multiprotocol capabilities (RFC 4760 §8); IPv4 alone when the OPEN
 *     has none (RFC 4760 §1: IPv4 unicast is implied)
 */
public record OpenParameters(
        long asNumber,
        int holdTimeSeconds,
        int bgpIdentifier,
        Set<IpFamily> families,
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
        families = Set.copyOf(families);
    }

    /** The families both OPENs carry: the only ones routes may be exchanged for (RFC 4760 §6). */
    public Set<IpFamily> commonFamilies(OpenParameters other) {
        return families.stream()
                .filter(other.families::contains)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** RFC 7313 §3: enhanced route refresh is used only when both OPENs carry the capability. */
    public boolean enhancedRouteRefreshWith(OpenParameters other) {
        return enhancedRouteRefresh && other.enhancedRouteRefresh;
    }
}
