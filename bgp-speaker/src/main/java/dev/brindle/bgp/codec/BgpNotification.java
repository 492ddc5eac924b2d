package dev.brindle.bgp.codec;

import java.util.Optional;

/**
 * NOTIFICATION (RFC 4271 §4.5): error code, subcode and data, after which the sender closes the connection. Codes
 * are kept as numbers so that a peer's unknown (code, subcode) can still be logged; {@link #error()} names the known
 * ones.
 */
public record BgpNotification(int code, int subcode, Octets data) implements BgpMessage {

    public BgpNotification {
        if (code < 0 || code > 0xff || subcode < 0 || subcode > 0xff) {
            throw new IllegalArgumentException("NOTIFICATION code " + code + "/" + subcode + " must fit in 8 bits");
        }
    }

    public static BgpNotification of(BgpError error) {
        return new BgpNotification(error.code(), error.subcode(), Octets.EMPTY);
    }

    public static BgpNotification of(BgpError error, Octets data) {
        return new BgpNotification(error.code(), error.subcode(), data);
    }

    /**
     * A Cease with a shutdown communication (RFC 9003 §2): only for Administrative Shutdown (6/2) and Administrative
     * Reset (6/4); the text is truncated to fit 255 UTF-8 bytes without splitting a character.
     */
    public static BgpNotification shutdown(BgpError cease, String text) {
        return of(cease, ShutdownCommunication.encode(cease, text));
    }

    /** The known error for this code/subcode, if any. */
    public Optional<BgpError> error() {
        return BgpError.of(code, subcode);
    }

    /** The RFC 9003 shutdown text of a Cease 6/2 or 6/4, if the data holds a well-formed one. */
    public Optional<String> shutdownCommunication() {
        return ShutdownCommunication.decode(code, subcode, data);
    }

    @Override
    public BgpMessageType type() {
        return BgpMessageType.NOTIFICATION;
    }

    @Override
    public String toString() {
        String name = error().map(BgpError::name).orElse("unknown");
        return "BgpNotification[" + code + "/" + subcode + " " + name + ", data=" + data + "]";
    }
}
