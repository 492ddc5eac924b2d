package dev.brindle.bgp.codec.attr;

/** Range checks for unsigned wire integers held in a {@code long}. */
final class Unsigned {
    private Unsigned() {}

    static void check32(String field, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(field + " " + value + " does not fit in 32 unsigned bits");
        }
    }
}
