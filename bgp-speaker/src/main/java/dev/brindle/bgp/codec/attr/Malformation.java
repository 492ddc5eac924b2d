package dev.brindle.bgp.codec.attr;

/** The kinds of UPDATE error that {@link UpdateErrorPolicy} rules on. */
public enum Malformation {
    /** Optional/Transitive flags differ from the attribute type's (RFC 7606 §3 c). */
    FLAGS,
    /** Attribute length wrong for its type (RFC 7606 §7). */
    LENGTH,
    /** Attribute value not allowed (e.g. ORIGIN 3, AS_PATH segment type 5, AS 0 per RFC 7607). */
    VALUE,
    /** Attribute type seen before in the same UPDATE (RFC 7606 §3 g). */
    DUPLICATE,
    /** Well-known mandatory attribute absent while the UPDATE carries NLRI (RFC 7606 §3 d). */
    MISSING,
    /** Unknown type code with the Optional bit clear (RFC 4271 §6.3: 3/2). */
    UNRECOGNIZED_WELL_KNOWN,
    /** Attribute that only internal peers may send, received from an external peer (RFC 7606 §7.5, §7.9, §7.10). */
    FROM_EXTERNAL_PEER,
    /** Attribute header or value runs past the Total Attribute Length (RFC 7606 §4). */
    ATTRIBUTE_OVERRUN,
    /** Withdrawn Routes Length or Total Attribute Length runs past the message (RFC 7606 §4). */
    LENGTHS_OVERRUN,
    /** Withdrawn routes or NLRI field syntactically wrong (RFC 7606 §5.3). */
    NLRI_SYNTAX
}
