package dev.brindle.bgp.codec.attr;

import static dev.brindle.bgp.codec.attr.PathAttribute.*;

/** The Optional/Transitive flags each known attribute must carry (RFC 4271 §5, RFC 4456, RFC 4760, RFC 6793). */
final class AttributeFlags {
    private static final int WELL_KNOWN = FLAG_TRANSITIVE;
    private static final int OPTIONAL_TRANSITIVE = FLAG_OPTIONAL | FLAG_TRANSITIVE;

    private AttributeFlags() {}

    /** The Optional and Transitive bits for a known type code. */
    static int expected(int typeCode) {
        return switch (typeCode) {
            case ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF, ATOMIC_AGGREGATE -> WELL_KNOWN;
            case AGGREGATOR, COMMUNITIES, AS4_PATH, AS4_AGGREGATOR -> OPTIONAL_TRANSITIVE;
            case MULTI_EXIT_DISC, ORIGINATOR_ID, CLUSTER_LIST, MP_REACH_NLRI, MP_UNREACH_NLRI -> FLAG_OPTIONAL;
            default -> throw new IllegalArgumentException("no fixed flags for attribute type " + typeCode);
        };
    }

    /** True when the received Optional and Transitive bits agree with the type's (RFC 7606 §3 c). */
    static boolean matches(int typeCode, int receivedFlags) {
        return (receivedFlags & (FLAG_OPTIONAL | FLAG_TRANSITIVE)) == expected(typeCode);
    }
}
