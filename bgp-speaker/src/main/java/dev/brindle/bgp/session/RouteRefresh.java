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
}
