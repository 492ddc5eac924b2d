package dev.brindle.bgp.codec.capability;

import dev.brindle.bgp.codec.AfiSafi;

/** Multiprotocol extensions for one AFI/SAFI (RFC 4760 §8): AFI (2), reserved (1), SAFI (1). */
public record MultiprotocolCapability(AfiSafi afiSafi) implements Capability {
    @Override
    public int code() {
        return MULTIPROTOCOL;
    }
}
