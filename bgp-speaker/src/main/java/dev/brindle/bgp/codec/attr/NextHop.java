package dev.brindle.bgp.codec.attr;

import java.net.Inet4Address;

/** NEXT_HOP (RFC 4271 §5.1.3): the IPv4 next hop of the NLRI in the UPDATE body. */
public record NextHop(Inet4Address address) implements PathAttribute {
    @Override
    public int typeCode() {
        return NEXT_HOP;
    }
}
