package dev.brindle.bgp.codec.attr;

import java.net.Inet4Address;

/** AS4_AGGREGATOR (RFC 6793 §3): the 4-octet aggregator an OLD speaker passes along; merged like {@link As4Path}. */
public record As4Aggregator(long asNumber, Inet4Address address) implements PathAttribute {
    public As4Aggregator {
        Unsigned.check32("AS4_AGGREGATOR AS", asNumber);
    }

    @Override
    public int typeCode() {
        return AS4_AGGREGATOR;
    }
}
