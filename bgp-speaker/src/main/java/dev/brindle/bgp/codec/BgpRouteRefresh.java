package dev.brindle.bgp.codec;

/**
 * ROUTE-REFRESH (RFC 2918 §3): asks the peer to re-send its Adj-RIB-Out for one family. The octet between AFI and
 * SAFI is the message subtype of enhanced route refresh (RFC 7313 §3.2): 0 request, 1 Begin-of-RIB, 2 End-of-RIB;
 * a receiver ignores other subtypes.
 */
public record BgpRouteRefresh(AfiSafi afiSafi, int subtype) implements BgpMessage {
    public static final int REQUEST = 0;
    public static final int BEGIN_OF_ROUTE_REFRESH = 1;
    public static final int END_OF_ROUTE_REFRESH = 2;

    public BgpRouteRefresh {
        if (subtype < 0 || subtype > 0xff) {
            throw new IllegalArgumentException("ROUTE-REFRESH subtype " + subtype + " does not fit in 8 bits");
        }
    }

    /** A plain refresh request (subtype 0). */
    public static BgpRouteRefresh request(AfiSafi afiSafi) {
        return new BgpRouteRefresh(afiSafi, REQUEST);
    }

    /** True for subtypes 0..2; RFC 7313 §5 says to ignore the others. */
    public boolean knownSubtype() {
        return subtype <= END_OF_ROUTE_REFRESH;
    }

    @Override
    public BgpMessageType type() {
        return BgpMessageType.ROUTE_REFRESH;
    }
}
