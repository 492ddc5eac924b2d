package dev.brindle.bgp.codec;

import java.util.Optional;

/** The message type octet of the BGP header (RFC 4271 §4.1; ROUTE-REFRESH from RFC 2918). */
public enum BgpMessageType {
    OPEN(1),
    UPDATE(2),
    NOTIFICATION(3),
    KEEPALIVE(4),
    ROUTE_REFRESH(5);

    private final int code;

    BgpMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a header's type octet, or empty for a type this speaker does not know (error 1/3). */
    public static Optional<BgpMessageType> fromCode(int code) {
        return code >= 1 && code <= 5 ? Optional.of(values()[code - 1]) : Optional.empty();
    }
}
