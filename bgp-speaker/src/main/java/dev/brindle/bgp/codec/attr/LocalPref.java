package dev.brindle.bgp.codec.attr;

/** LOCAL_PREF (RFC 4271 §5.1.5): an unsigned 32-bit preference inside the AS, higher preferred. */
public record LocalPref(long value) implements PathAttribute {
    public LocalPref {
        Unsigned.check32("LOCAL_PREF", value);
    }

    @Override
    public int typeCode() {
        return LOCAL_PREF;
    }
}
