package dev.brindle.bgp.codec.attr;

import java.util.List;

/** COMMUNITIES (RFC 1997): a list of 32-bit values, conventionally {@code AS:value}. */
public record Communities(List<Long> values) implements PathAttribute {
    public static final long NO_EXPORT = 0xFFFF_FF01L;
    public static final long NO_ADVERTISE = 0xFFFF_FF02L;
    public static final long NO_EXPORT_SUBCONFED = 0xFFFF_FF03L;

    public Communities {
        values = List.copyOf(values);
        values.forEach(v -> Unsigned.check32("community", v));
    }

    @Override
    public int typeCode() {
        return COMMUNITIES;
    }
}
