package dev.brindle.bgp.codec.attr;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.List;

/**
 * MP_REACH_NLRI (RFC 4760 §3) for IPv4 or IPv6 unicast: the next hops (one address; for IPv6 optionally a global
 * and a link-local one, RFC 2545 §3) and the reachable prefixes. Other families stay {@link UnknownAttribute}s.
 */
public record MpReachNlri(AfiSafi afiSafi, List<InetAddress> nextHops, List<IpPrefix> nlri) implements PathAttribute {
    public MpReachNlri {
        IpFamily family = afiSafi.ipFamily()
                .orElseThrow(
                        () -> new IllegalArgumentException("MP_REACH_NLRI is modelled for IPv4/IPv6 unicast only"));
        nextHops = List.copyOf(nextHops);
        nlri = List.copyOf(nlri);
        if (nextHops.isEmpty() || nextHops.size() > 2 || (nextHops.size() == 2 && family == IpFamily.V4)) {
            throw new IllegalArgumentException(
                    "MP_REACH_NLRI for " + afiSafi + " has 1 next hop (IPv6: or global + link-local), not " + nextHops);
        }
        for (InetAddress hop : nextHops) {
            if (IpFamily.of(hop) != family) {
                throw new IllegalArgumentException("next hop " + hop + " is not in family " + afiSafi);
            }
        }
        Prefixes.requireFamily("MP_REACH_NLRI", nlri, family);
    }

    @Override
    public int typeCode() {
        return MP_REACH_NLRI;
    }
}
