package dev.brindle.bgp.codec;

import dev.brindle.bgp.codec.attr.MpUnreachNlri;
import java.util.List;
import java.util.Optional;

/**
 * The End-of-RIB marker of RFC 4724 §2: for IPv4 unicast an UPDATE with no withdrawn routes, no attributes and
 * no NLRI; for any other family an UPDATE whose only attribute is an MP_UNREACH_NLRI of that family with no
 * prefixes.
 */
public final class EndOfRib {
    private EndOfRib() {}

    /** The End-of-RIB UPDATE for {@code family}. */
    public static BgpUpdate of(AfiSafi family) {
        if (family.equals(AfiSafi.IPV4_UNICAST)) {
            return new BgpUpdate(List.of(), List.of(), List.of());
        }
        return new BgpUpdate(List.of(), List.of(new MpUnreachNlri(family, List.of())), List.of());
    }

    /** The family whose End-of-RIB this UPDATE is, or empty when it is an ordinary UPDATE. */
    public static Optional<AfiSafi> family(BgpUpdate update) {
        if (!update.withdrawn().isEmpty() || !update.nlri().isEmpty()) {
            return Optional.empty();
        }
        if (update.attributes().isEmpty()) {
            return Optional.of(AfiSafi.IPV4_UNICAST);
        }
        if (update.attributes().size() == 1
                && update.attributes().getFirst() instanceof MpUnreachNlri unreach
                && unreach.withdrawn().isEmpty()) {
            return Optional.of(unreach.afiSafi());
        }
        return Optional.empty();
    }
}
