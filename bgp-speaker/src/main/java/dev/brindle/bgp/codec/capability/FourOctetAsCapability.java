package dev.brindle.bgp.codec.capability;

/** Support for 4-octet AS numbers, carrying the speaker's real AS (RFC 6793 §3). */
public record FourOctetAsCapability(long asNumber) implements Capability {
    public FourOctetAsCapability {
        if (asNumber < 0 || asNumber > 0xffff_ffffL) {
            throw new IllegalArgumentException("AS number " + asNumber + " does not fit in 32 bits");
        }
    }

    @Override
    public int code() {
        return FOUR_OCTET_AS;
    }
}
