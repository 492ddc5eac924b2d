package dev.brindle.bgp.codec;

/**
 * A protocol violation that ends the session: carries the {@link BgpError} and the data the NOTIFICATION sends
 * back (RFC 4271 §4.5), so the session can answer with {@link #toNotification()} and close. The only exception the
 * codec lets escape for bad input.
 */
public final class BgpProtocolException extends RuntimeException {
    private final BgpError error;
    private final Octets data;

    public BgpProtocolException(BgpError error, byte[] data, String message) {
        super(error + ": " + message);
        this.error = error;
        this.data = Octets.of(data);
    }

    public BgpProtocolException(BgpError error, byte[] data) {
        this(error, data, error.reference());
    }

    /** An error without NOTIFICATION data. */
    public BgpProtocolException(BgpError error, String message) {
        this(error, new byte[0], message);
    }

    public BgpError error() {
        return error;
    }

    public Octets data() {
        return data;
    }

    /** The NOTIFICATION to send before closing the connection. */
    public BgpNotification toNotification() {
        return new BgpNotification(error.code(), error.subcode(), data);
    }
}
