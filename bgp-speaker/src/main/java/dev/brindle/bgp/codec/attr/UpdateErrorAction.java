package dev.brindle.bgp.codec.attr;

/**
 * The error-handling approaches of RFC 7606 §2, weakest first; when an UPDATE has several errors the strongest
 * approach applies (RFC 7606 §3 j). AFI/SAFI disable is never chosen: this speaker resets instead, which RFC 7606
 * §2 allows.
 */
public enum UpdateErrorAction {
    /** No error. */
    NONE,
    /** Drop the malformed attribute, process the rest (RFC 7606 §2). */
    ATTRIBUTE_DISCARD,
    /** Treat every NLRI of the UPDATE, MP_REACH_NLRI's included, as withdrawn; the session stays up. */
    TREAT_AS_WITHDRAW,
    /** Send the NOTIFICATION and close the session (RFC 4271 §6). */
    SESSION_RESET;

    public UpdateErrorAction strongest(UpdateErrorAction other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
