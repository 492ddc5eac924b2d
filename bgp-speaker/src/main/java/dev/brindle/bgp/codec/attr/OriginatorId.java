package dev.brindle.bgp.codec.attr;

import java.net.Inet4Address;

/** ORIGINATOR_ID (RFC 4456 §8): the BGP Identifier of the route's originator inside the AS, set by a reflector. */
public record OriginatorId(Inet4Address id) implements PathAttribute {
    @Override
    public int typeCode() {
        return ORIGINATOR_ID;
    }
}
