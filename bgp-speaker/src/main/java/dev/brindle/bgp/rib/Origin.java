package dev.brindle.bgp.rib;

/** The ORIGIN attribute (RFC 4271 §5.1.1); lower is preferred in the decision process. */
public enum Origin {
    IGP,
    EGP,
    INCOMPLETE;

    public int code() {
        return ordinal();
    }

    public static Origin fromCode(int code) {
        if (code < 0 || code > 2) {
            throw new IllegalArgumentException("ORIGIN " + code + " is not 0 (IGP), 1 (EGP) or 2 (INCOMPLETE)");
        }
        return values()[code];
    }
}
