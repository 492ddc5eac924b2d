package dev.brindle.bgp.session;

/**
 * The ROUTE-REFRESH message subtypes the speaker acts on: a request (RFC 2918 §3) and the Begin/End-of-RIB
 * markers that bracket an enhanced route refresh (RFC 7313 §3.2). The wire value is the octet between AFI and SAFI.
 */
public enum RouteRefresh {
    REQUEST(0),
    BEGIN(1),
    END(2);

    private final int subtype;

    RouteRefresh(int subtype) {
        this.subtype = subtype;
    }

    public int subtype() {
        return subtype;
    }

    /** The kind whose wire value is {@code subtype} (0..2; RFC 7313 §5 has the receiver ignore the others). */
    public static RouteRefresh ofSubtype(int subtype) {
        for (RouteRefresh kind : values()) {
            if (kind.subtype == subtype) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "ROUTE-REFRESH subtype " + subtype + " is not 0 (request), 1 (Begin-of-RIB) or 2 (End-of-RIB)");
    }
}
