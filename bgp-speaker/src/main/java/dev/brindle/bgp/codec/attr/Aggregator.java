package dev.brindle.bgp.codec.attr;

import java.net.Inet4Address;

/**
 * AGGREGATOR (RFC 4271 §5.1.7): the AS and BGP Identifier of the speaker that aggregated. The AS is held at full
 * width; toward an OLD peer the encoder writes AS_TRANS plus AS4_AGGREGATOR (RFC 6793 §4.2.2).
 */
public record Aggregator(long asNumber, Inet4Address address) implements PathAttribute {
    public Aggregator {
        Unsigned.check32("AGGREGATOR AS", asNumber);
    }

    @Override
    public int typeCode() {
        return AGGREGATOR;
    }
}
