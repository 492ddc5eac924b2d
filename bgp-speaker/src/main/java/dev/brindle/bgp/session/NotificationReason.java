package dev.brindle.bgp.session;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The error code, subcode and data of a NOTIFICATION (RFC 4271 §4.5), as the session layer decides them. The
 * transport turns it into the codec's message.
 */
public record NotificationReason(int code, int subcode, byte[] data) {

    /** RFC 4271 §6.5: the Hold Timer expired. */
    public static final NotificationReason HOLD_TIMER_EXPIRED = of(4, 0);
    /** RFC 9687 §3: we could not send for SendHoldTime; the peer is not reading. */
    public static final NotificationReason SEND_HOLD_TIMER_EXPIRED = of(8, 0);
    /** RFC 4486: the session is administratively shut down. */
    public static final NotificationReason ADMIN_SHUTDOWN = of(6, 2);
    /** RFC 4486: the peer was removed from the configuration. */
    public static final NotificationReason PEER_DECONFIGURED = of(6, 3);
    /** RFC 4486: a connection was refused (e.g. we already have an Established one). */
    public static final NotificationReason CONNECTION_REJECTED = of(6, 5);
    /** RFC 4271 §6.8 / RFC 4486: the connection lost the collision resolution. */
    public static final NotificationReason COLLISION_RESOLUTION = of(6, 7);

    public NotificationReason {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException(
                    "notification code " + code + " / subcode " + subcode + " must be 0..255 / 0..255");
        }
        data = data.clone();
    }

    public static NotificationReason of(int code, int subcode) {
        return new NotificationReason(code, subcode, new byte[0]);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotificationReason n
                && n.code == code
                && n.subcode == subcode
                && Arrays.equals(n.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * code + subcode) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String d = data.length == 0 ? "" : " data " + HexFormat.of().formatHex(data);
        return code + "/" + subcode + d;
    }
}
