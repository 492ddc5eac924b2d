package dev.brindle.bgp.codec.attr;

/** ORIGIN (RFC 4271 §5.1.1): 0 IGP, 1 EGP, 2 INCOMPLETE; lower is preferred in §9.1.2.2 (c). */
public record Origin(int value) implements PathAttribute {
    public static final Origin IGP = new Origin(0);
    public static final Origin EGP = new Origin(1);
    public static final Origin INCOMPLETE = new Origin(2);

    public Origin {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("ORIGIN " + value + " is not 0 (IGP), 1 (EGP) or 2 (INCOMPLETE)");
        }
    }

    @Override
    public int typeCode() {
        return ORIGIN;
    }
}
