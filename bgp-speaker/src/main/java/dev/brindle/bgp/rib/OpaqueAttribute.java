package dev.brindle.bgp.rib;

import java.util.Arrays;

/**
 * A path attribute the speaker does not interpret but must carry on: an unrecognised optional transitive attribute
 * (RFC 4271 §5, propagated with the Partial bit set) — kept as flags, type code and value bytes.
 */
public record OpaqueAttribute(int flags, int typeCode, byte[] value) {
    public static final int OPTIONAL = 0x80;
    public static final int TRANSITIVE = 0x40;
    public static final int PARTIAL = 0x20;

    public OpaqueAttribute {
        if (typeCode < 0 || typeCode > 255 || flags < 0 || flags > 255) {
            throw new IllegalArgumentException("attribute type " + typeCode + " / flags " + flags + " must be 0..255");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public boolean transitive() {
        return (flags & TRANSITIVE) != 0;
    }

    /** The copy we send on: RFC 4271 §5 sets Partial on unrecognised optional transitive attributes we pass on. */
    public OpaqueAttribute markedPartial() {
        return new OpaqueAttribute(flags | PARTIAL, typeCode, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueAttribute a
                && a.flags == flags
                && a.typeCode == typeCode
                && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * flags + typeCode) + Arrays.hashCode(value);
    }
}
