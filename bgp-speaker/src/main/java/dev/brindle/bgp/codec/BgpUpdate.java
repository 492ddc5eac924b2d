package dev.brindle.bgp.codec;

import dev.brindle.bgp.codec.attr.PathAttribute;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * UPDATE (RFC 4271 §4.3): withdrawn IPv4 routes, path attributes, IPv4 NLRI. Other families travel in the
 * MP_REACH_NLRI / MP_UNREACH_NLRI attributes (RFC 4760). Each attribute type appears at most once (RFC 4271 §5).
 */
public record BgpUpdate(List<IpPrefix> withdrawn, List<PathAttribute> attributes, List<IpPrefix> nlri)
        implements BgpMessage {

    public BgpUpdate {
        withdrawn = List.copyOf(withdrawn);
        attributes = List.copyOf(attributes);
        nlri = List.copyOf(nlri);
        requireIpv4("withdrawn routes", withdrawn);
        requireIpv4("NLRI", nlri);
        Set<Integer> seen = new HashSet<>();
        for (PathAttribute a : attributes) {
            if (!seen.add(a.typeCode())) {
                throw new IllegalArgumentException("attribute type " + a.typeCode() + " appears twice in an UPDATE");
            }
        }
    }

    /** The first attribute of this type. */
    public <T extends PathAttribute> Optional<T> attribute(Class<T> type) {
        return attributes.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** True for the End-of-RIB marker of some family (RFC 4724 §2); see {@link EndOfRib}. */
    public boolean isEndOfRib() {
        return EndOfRib.family(this).isPresent();
    }

    private static void requireIpv4(String field, List<IpPrefix> prefixes) {
        for (IpPrefix p : prefixes) {
            if (p.family() != IpFamily.V4) {
                throw new IllegalArgumentException(
                        "UPDATE " + field + " hold IPv4 prefixes only; " + p + " goes in MP_REACH/MP_UNREACH_NLRI");
            }
        }
    }

    @Override
    public BgpMessageType type() {
        return BgpMessageType.UPDATE;
    }
}
