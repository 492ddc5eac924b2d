package dev.brindle.bgp.rib;

import java.util.List;

/** One AS_PATH segment (RFC 4271 §4.3): an ordered AS_SEQUENCE or an unordered AS_SET of 4-octet AS numbers. */
public record AsPathSegment(boolean set, List<Long> asns) {

    public AsPathSegment {
        asns = List.copyOf(asns);
        if (asns.isEmpty() || asns.size() > 255) {
            throw new IllegalArgumentException("an AS_PATH segment holds 1..255 AS numbers, not " + asns.size());
        }
    }

    /** RFC 4271 §9.1.2.2 a): an AS_SET counts as 1 however many ASes it holds. */
    public int pathLength() {
        return set ? 1 : asns.size();
    }
}
