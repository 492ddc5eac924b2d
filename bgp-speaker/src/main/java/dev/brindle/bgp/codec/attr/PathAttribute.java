package dev.brindle.bgp.codec.attr;

/**
 * One path attribute of an UPDATE (RFC 4271 §4.3): flags, type code and value. Known attributes have fixed
 * Optional/Transitive flags ({@link #flags()}); the Extended Length bit is chosen by the encoder from the value's
 * size. Attributes this speaker does not implement are {@link UnknownAttribute}s, kept with their flags.
 */
public sealed interface PathAttribute
        permits Origin,
                AsPath,
                NextHop,
                Med,
                LocalPref,
                AtomicAggregate,
                Aggregator,
                Communities,
                OriginatorId,
                ClusterList,
                MpReachNlri,
                MpUnreachNlri,
                As4Path,
                As4Aggregator,
                UnknownAttribute {
    /** Attribute flag bits (RFC 4271 §4.3). */
    int FLAG_OPTIONAL = 0x80;

    int FLAG_TRANSITIVE = 0x40;
    int FLAG_PARTIAL = 0x20;
    int FLAG_EXTENDED_LENGTH = 0x10;

    /** Type codes (IANA "BGP Path Attributes"). */
    int ORIGIN = 1;

    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int ATOMIC_AGGREGATE = 6;
    int AGGREGATOR = 7;
    int COMMUNITIES = 8;
    int ORIGINATOR_ID = 9;
    int CLUSTER_LIST = 10;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;
    int AS4_PATH = 17;
    int AS4_AGGREGATOR = 18;

    int typeCode();

    /** Optional, Transitive and Partial bits as sent; never the Extended Length bit. */
    default int flags() {
        return AttributeFlags.expected(typeCode());
    }
}
