package dev.brindle.bgp.codec;

import dev.brindle.core.IpFamily;
import java.util.Optional;

/**
 * An address family (AFI, RFC 4760 §3 / IANA "Address Family Numbers") with a subsequent address family (SAFI).
 * Kept as numbers so that families this speaker does not implement can still be named in capabilities and
 * ROUTE-REFRESH messages.
 */
public record AfiSafi(int afi, int safi) {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;

    public static final AfiSafi IPV4_UNICAST = new AfiSafi(AFI_IPV4, SAFI_UNICAST);
    public static final AfiSafi IPV6_UNICAST = new AfiSafi(AFI_IPV6, SAFI_UNICAST);

    public AfiSafi {
        if (afi < 0 || afi > 0xffff) {
            throw new IllegalArgumentException("AFI " + afi + " does not fit in 16 bits");
        }
        if (safi < 0 || safi > 0xff) {
            throw new IllegalArgumentException("SAFI " + safi + " does not fit in 8 bits");
        }
    }

    /** The unicast family for IPv4 or IPv6 prefixes. */
    public static AfiSafi unicast(IpFamily family) {
        return family == IpFamily.V4 ? IPV4_UNICAST : IPV6_UNICAST;
    }

    /** The IP family whose unicast prefixes this codec can parse, or empty for other families. */
    public Optional<IpFamily> ipFamily() {
        if (safi != SAFI_UNICAST) {
            return Optional.empty();
        }
        return switch (afi) {
            case AFI_IPV4 -> Optional.of(IpFamily.V4);
            case AFI_IPV6 -> Optional.of(IpFamily.V6);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        if (equals(IPV4_UNICAST)) {
            return "ipv4-unicast";
        }
        if (equals(IPV6_UNICAST)) {
            return "ipv6-unicast";
        }
        return "afi" + afi + "/safi" + safi;
    }
}
