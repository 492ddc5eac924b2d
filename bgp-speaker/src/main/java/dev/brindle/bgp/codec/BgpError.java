package dev.brindle.bgp.codec;

import java.util.Optional;

/**
 * NOTIFICATION error codes and subcodes (RFC 4271 §4.5 and §6, with the subcodes later RFCs added), each with the
 * section that defines it. A {@link BgpProtocolException} carries one of these so the session can send the matching
 * NOTIFICATION.
 */
public enum BgpError {
    /** Marker not all ones (RFC 4271 §6.1). */
    CONNECTION_NOT_SYNCHRONIZED(1, 1, "RFC 4271 §6.1"),
    /** Length outside 19..4096 or below the type's minimum; data = the length (RFC 4271 §6.1). */
    BAD_MESSAGE_LENGTH(1, 2, "RFC 4271 §6.1"),
    /** Unknown message type; data = the type (RFC 4271 §6.1). */
    BAD_MESSAGE_TYPE(1, 3, "RFC 4271 §6.1"),

    /** OPEN error without a more specific subcode (RFC 4271 §6.2). */
    OPEN_MESSAGE_ERROR(2, 0, "RFC 4271 §6.2"),
    /** Version not 4; data = the highest version we support, 2 bytes (RFC 4271 §6.2). */
    UNSUPPORTED_VERSION_NUMBER(2, 1, "RFC 4271 §6.2"),
    /** My AS is not the configured peer AS, or 0 (RFC 4271 §6.2, RFC 7607). */
    BAD_PEER_AS(2, 2, "RFC 4271 §6.2"),
    /** BGP Identifier not a valid unicast host address, e.g. 0 (RFC 4271 §6.2, RFC 6286). */
    BAD_BGP_IDENTIFIER(2, 3, "RFC 4271 §6.2"),
    /** An optional parameter other than Capabilities (RFC 4271 §6.2). */
    UNSUPPORTED_OPTIONAL_PARAMETER(2, 4, "RFC 4271 §6.2"),
    /** Hold time 1 or 2 seconds, or rejected by local policy (RFC 4271 §6.2). */
    UNACCEPTABLE_HOLD_TIME(2, 6, "RFC 4271 §6.2"),
    /** A capability we require is missing; data = the required capabilities (RFC 5492 §5). */
    UNSUPPORTED_CAPABILITY(2, 7, "RFC 5492 §5"),

    /** UPDATE error without a more specific subcode (RFC 4271 §6.3). */
    UPDATE_MESSAGE_ERROR(3, 0, "RFC 4271 §6.3"),
    MALFORMED_ATTRIBUTE_LIST(3, 1, "RFC 4271 §6.3"),
    UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE(3, 2, "RFC 4271 §6.3"),
    MISSING_WELL_KNOWN_ATTRIBUTE(3, 3, "RFC 4271 §6.3"),
    ATTRIBUTE_FLAGS_ERROR(3, 4, "RFC 4271 §6.3"),
    ATTRIBUTE_LENGTH_ERROR(3, 5, "RFC 4271 §6.3"),
    INVALID_ORIGIN_ATTRIBUTE(3, 6, "RFC 4271 §6.3"),
    INVALID_NEXT_HOP_ATTRIBUTE(3, 8, "RFC 4271 §6.3"),
    OPTIONAL_ATTRIBUTE_ERROR(3, 9, "RFC 4271 §6.3"),
    INVALID_NETWORK_FIELD(3, 10, "RFC 4271 §6.3"),
    MALFORMED_AS_PATH(3, 11, "RFC 4271 §6.3"),

    HOLD_TIMER_EXPIRED(4, 0, "RFC 4271 §6.5"),

    /** FSM error, unspecified (RFC 4271 §6.6). */
    FSM_ERROR(5, 0, "RFC 4271 §6.6"),
    FSM_UNEXPECTED_MESSAGE_IN_OPEN_SENT(5, 1, "RFC 6608 §4"),
    FSM_UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM(5, 2, "RFC 6608 §4"),
    FSM_UNEXPECTED_MESSAGE_IN_ESTABLISHED(5, 3, "RFC 6608 §4"),

    CEASE(6, 0, "RFC 4271 §6.7"),
    CEASE_MAX_PREFIXES_REACHED(6, 1, "RFC 4486 §4"),
    /** May carry a shutdown communication (RFC 9003). */
    CEASE_ADMINISTRATIVE_SHUTDOWN(6, 2, "RFC 4486 §4, RFC 9003"),
    CEASE_PEER_DECONFIGURED(6, 3, "RFC 4486 §4"),
    /** May carry a shutdown communication (RFC 9003). */
    CEASE_ADMINISTRATIVE_RESET(6, 4, "RFC 4486 §4, RFC 9003"),
    CEASE_CONNECTION_REJECTED(6, 5, "RFC 4486 §4"),
    CEASE_OTHER_CONFIGURATION_CHANGE(6, 6, "RFC 4486 §4"),
    CEASE_CONNECTION_COLLISION_RESOLUTION(6, 7, "RFC 4486 §4"),
    CEASE_OUT_OF_RESOURCES(6, 8, "RFC 4486 §4"),
    CEASE_HARD_RESET(6, 9, "RFC 8538 §3"),
    CEASE_BFD_DOWN(6, 10, "RFC 9384"),

    /** ROUTE-REFRESH with a bad length; data = the whole message (RFC 7313 §5). */
    ROUTE_REFRESH_INVALID_MESSAGE_LENGTH(7, 1, "RFC 7313 §5"),

    /** We could not send for a whole hold time (RFC 9687 §3). */
    SEND_HOLD_TIMER_EXPIRED(8, 0, "RFC 9687 §3");

    private final int code;
    private final int subcode;
    private final String reference;

    BgpError(int code, int subcode, String reference) {
        this.code = code;
        this.subcode = subcode;
        this.reference = reference;
    }

    public int code() {
        return code;
    }

    public int subcode() {
        return subcode;
    }

    /** The RFC section that defines this error. */
    public String reference() {
        return reference;
    }

    /** The error with this (code, subcode), or empty for pairs this speaker does not know. */
    public static Optional<BgpError> of(int code, int subcode) {
        for (BgpError e : values()) {
            if (e.code == code && e.subcode == subcode) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name() + "(" + code + "/" + subcode + ")";
    }
}
