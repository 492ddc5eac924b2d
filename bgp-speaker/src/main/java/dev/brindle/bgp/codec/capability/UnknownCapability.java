package dev.brindle.bgp.codec.capability;

import dev.brindle.bgp.codec.Octets;

/**
 * A capability this speaker does not implement (ADD-PATH, long-lived GR, extended next hop, …), kept verbatim so
 * that the OPEN re-serializes to the same bytes; RFC 5492 §3 says to ignore it.
 */
public record UnknownCapability(int code, Octets value) implements Capability {
    public UnknownCapability {
        if (code < 0 || code > 0xff) {
            throw new IllegalArgumentException("capability code " + code + " does not fit in 8 bits");
        }
        if (value.length() > 0xff) {
            throw new IllegalArgumentException(
                    "capability " + code + " value of " + value.length() + " bytes does not fit the 1-octet length");
        }
    }
}
