package dev.brindle.bgp.codec.attr;

import java.util.List;
import java.util.Optional;

/**
 * One AS_PATH segment (RFC 4271 §4.3 b; confederation types from RFC 5065 §3): a type and 1..255 AS numbers (RFC
 * 7606 §7.2 makes an empty segment malformed).
 */
public record AsPathSegment(Type type, List<Long> asns) {
    public static final int MAX_ASNS = 255;

    public AsPathSegment {
        asns = List.copyOf(asns);
        if (asns.isEmpty() || asns.size() > MAX_ASNS) {
            throw new IllegalArgumentException(
                    "an AS_PATH segment holds 1.." + MAX_ASNS + " AS numbers, not " + asns.size());
        }
        for (long as : asns) {
            if (as < 0 || as > 0xffff_ffffL) {
                throw new IllegalArgumentException("AS number " + as + " does not fit in 32 bits");
            }
        }
    }

    public static AsPathSegment sequence(Long... asns) {
        return new AsPathSegment(Type.AS_SEQUENCE, List.of(asns));
    }

    public static AsPathSegment set(Long... asns) {
        return new AsPathSegment(Type.AS_SET, List.of(asns));
    }

    /** Segment types and their codes. */
    public enum Type {
        AS_SET(1),
        AS_SEQUENCE(2),
        AS_CONFED_SEQUENCE(3),
        AS_CONFED_SET(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Optional<Type> fromCode(int code) {
            return code >= 1 && code <= 4 ? Optional.of(values()[code - 1]) : Optional.empty();
        }

        boolean isConfederation() {
            return this == AS_CONFED_SEQUENCE || this == AS_CONFED_SET;
        }
    }

    /** Path length contribution (RFC 4271 §9.1.2.2 a; RFC 5065 §5.3: confederation segments count 0). */
    int pathLength() {
        return switch (type) {
            case AS_SEQUENCE -> asns.size();
            case AS_SET -> 1;
            case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
        };
    }
}
