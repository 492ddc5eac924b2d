package dev.brindle.bgp.codec.attr;

import dev.brindle.bgp.codec.Octets;

/**
 * An attribute this speaker does not implement (or a family of MP_REACH/MP_UNREACH it does not parse), kept with
 * its flags. RFC 4271 §5: an unrecognized optional transitive attribute is passed on with the Partial bit set
 * ({@link #forwarded()}); an optional non-transitive one is dropped.
 */
public record UnknownAttribute(int flags, int typeCode, Octets value) implements PathAttribute {
    public UnknownAttribute {
        if (typeCode < 0 || typeCode > 0xff) {
            throw new IllegalArgumentException("attribute type " + typeCode + " does not fit in 8 bits");
        }
        if (value.length() > 0xffff) {
            throw new IllegalArgumentException("attribute " + typeCode + " is longer than 65535 bytes");
        }
        flags &= FLAG_OPTIONAL | FLAG_TRANSITIVE | FLAG_PARTIAL;
    }

    public boolean optional() {
        return (flags & FLAG_OPTIONAL) != 0;
    }

    public boolean transitive() {
        return (flags & FLAG_TRANSITIVE) != 0;
    }

    public boolean partial() {
        return (flags & FLAG_PARTIAL) != 0;
    }

    /** This attribute as passed to another peer: Partial set if optional transitive (RFC 4271 §5). */
    public UnknownAttribute forwarded() {
        return optional() && transitive() ? new UnknownAttribute(flags | FLAG_PARTIAL, typeCode, value) : this;
    }
}
