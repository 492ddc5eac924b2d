package dev.brindle.bgp.rib;

import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.util.List;
import java.util.Optional;

/**
 * The route content of one UPDATE (RFC 4271 §4.3) for one unicast family, in either direction: withdrawn prefixes,
 * and prefixes announced with one set of attributes. IPv4 travels in the UPDATE's own fields, IPv6 in
 * MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760); one wire UPDATE may carry both, and is then split into two of these.
 * With nothing withdrawn and nothing announced it is the family's End-of-RIB marker (RFC 4724 §2).
 */
public record RouteUpdate(
        IpFamily family, List<IpPrefix> withdrawn, Optional<PathAttributes> attributes, List<IpPrefix> announced) {

    public RouteUpdate {
        withdrawn = List.copyOf(withdrawn);
        announced = List.copyOf(announced);
        if (!announced.isEmpty() && attributes.isEmpty()) {
            throw new IllegalArgumentException("an UPDATE announcing prefixes needs path attributes");
        }
        for (List<IpPrefix> list : List.of(withdrawn, announced)) {
            for (IpPrefix p : list) {
                if (p.family() != family) {
                    throw new IllegalArgumentException(
                            "prefix " + p + " is not " + family + ": one RouteUpdate carries one family");
                }
            }
        }
    }

    /** The family of the prefixes given (IPv4 when there are none: the plain End-of-RIB). */
    public RouteUpdate(List<IpPrefix> withdrawn, Optional<PathAttributes> attributes, List<IpPrefix> announced) {
        this(familyOf(withdrawn, announced), withdrawn, attributes, announced);
    }

    public static RouteUpdate withdraw(List<IpPrefix> prefixes) {
        return new RouteUpdate(prefixes, Optional.empty(), List.of());
    }

    public static RouteUpdate announce(PathAttributes attributes, List<IpPrefix> prefixes) {
        return new RouteUpdate(List.of(), Optional.of(attributes), prefixes);
    }

    /** RFC 4724 §2: the marker that ends the initial dump of {@code family}. */
    public static RouteUpdate endOfRib(IpFamily family) {
        return new RouteUpdate(family, List.of(), Optional.empty(), List.of());
    }

    /** RFC 4724 §2: an UPDATE with nothing withdrawn, no attributes and no NLRI marks the end of the initial dump. */
    public boolean isEndOfRib() {
        return withdrawn.isEmpty() && announced.isEmpty() && attributes.isEmpty();
    }

    private static IpFamily familyOf(List<IpPrefix> withdrawn, List<IpPrefix> announced) {
        if (!announced.isEmpty()) {
            return announced.getFirst().family();
        }
        return withdrawn.isEmpty() ? IpFamily.V4 : withdrawn.getFirst().family();
    }
}
