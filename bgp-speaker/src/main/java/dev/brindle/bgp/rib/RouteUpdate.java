package dev.brindle.bgp.rib;

import dev.brindle.core.IpPrefix;
import java.util.List;
import java.util.Optional;

/**
 * The route content of one UPDATE (RFC 4271 §4.3) in either direction: withdrawn prefixes, and prefixes announced
 * with one set of attributes. Neither withdrawals nor announcements is an End-of-RIB marker (RFC 4724 §2).
 */
public record RouteUpdate(List<IpPrefix> withdrawn, Optional<PathAttributes> attributes, List<IpPrefix> announced) {

    public RouteUpdate {
        withdrawn = List.copyOf(withdrawn);
        announced = List.copyOf(announced);
        if (!announced.isEmpty() && attributes.isEmpty()) {
            throw new IllegalArgumentException("an UPDATE announcing prefixes needs path attributes");
        }
    }

    public static RouteUpdate withdraw(List<IpPrefix> prefixes) {
        return new RouteUpdate(prefixes, Optional.empty(), List.of());
    }

    public static RouteUpdate announce(PathAttributes attributes, List<IpPrefix> prefixes) {
        return new RouteUpdate(List.of(), Optional.of(attributes), prefixes);
    }

    /** RFC 4724 §2: an UPDATE with nothing withdrawn, no attributes and no NLRI marks the end of the initial dump. */
    public boolean isEndOfRib() {
        return withdrawn.isEmpty() && announced.isEmpty() && attributes.isEmpty();
    }
}
