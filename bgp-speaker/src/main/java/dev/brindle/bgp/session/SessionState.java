package dev.brindle.bgp.session;

/** The six states of the BGP finite state machine (RFC 4271 §8.2.2), in the order a session advances. */
public enum SessionState {
    IDLE,
    CONNECT,
    ACTIVE,
    OPEN_SENT,
    OPEN_CONFIRM,
    ESTABLISHED;

    /** The name BIRD and calicoctl print ({@code Established}, {@code OpenSent}, …). */
    public String displayName() {
        return switch (this) {
            case IDLE -> "Idle";
            case CONNECT -> "Connect";
            case ACTIVE -> "Active";
            case OPEN_SENT -> "OpenSent";
            case OPEN_CONFIRM -> "OpenConfirm";
            case ESTABLISHED -> "Established";
        };
    }
}
