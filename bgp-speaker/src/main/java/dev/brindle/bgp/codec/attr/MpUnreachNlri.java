package dev.brindle.bgp.codec.attr;

import dev.brindle.bgp.codec.AfiSafi;
import dev.brindle.core.IpPrefix;
import java.util.List;

/**
 * MP_UNREACH_NLRI (RFC 4760 §4) for IPv4 or IPv6 unicast: withdrawn prefixes. Empty, it is the End-of-RIB marker
 * of its family (RFC 4724 §2).
 */
public record MpUnreachNlri(AfiSafi afiSafi, List<IpPrefix> withdrawn) implements PathAttribute {
    public MpUnreachNlri {
        withdrawn = List.copyOf(withdrawn);
        Prefixes.requireFamily(
                "MP_UNREACH_NLRI",
                withdrawn,
                afiSafi.ipFamily()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "MP_UNREACH_NLRI is modelled for IPv4/IPv6 unicast only")));
    }

    @Override
    public int typeCode() {
        return MP_UNREACH_NLRI;
    }
}
