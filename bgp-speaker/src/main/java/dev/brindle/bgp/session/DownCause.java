package dev.brindle.bgp.session;

/** Why an Established session ended; graceful restart (RFC 4724 §4.2) only applies to {@link #CONNECTION_LOST}. */
public enum DownCause {
    /** We sent a NOTIFICATION (error, hold timer, collision, administrative). */
    NOTIFICATION_SENT,
    /** The peer sent a NOTIFICATION. */
    NOTIFICATION_RECEIVED,
    /** The TCP connection ended without any NOTIFICATION: a crashed or killed peer. */
    CONNECTION_LOST,
    /** We stopped the peer (removed from config, speaker shutdown). */
    STOPPED
}
