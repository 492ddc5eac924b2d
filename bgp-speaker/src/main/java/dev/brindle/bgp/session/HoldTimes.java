package dev.brindle.bgp.session;

import java.time.Duration;

/**
 * Hold and keepalive negotiation (RFC 4271 §4.2, §10): the hold time is the smaller of the two OPENs' values; the
 * keepalive interval is a third of it, never less than one second; a hold time of 0 means no keepalives and no
 * hold timer at all.
 */
public record HoldTimes(Duration hold, Duration keepalive) {
    public static final HoldTimes NONE = new HoldTimes(Duration.ZERO, Duration.ZERO);

    public static HoldTimes negotiate(int localSeconds, int peerSeconds) {
        int hold = Math.min(localSeconds, peerSeconds);
        if (hold == 0) {
            return NONE;
        }
        Duration h = Duration.ofSeconds(hold);
        Duration k = h.dividedBy(3);
        return new HoldTimes(h, k.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : k);
    }

    public boolean enabled() {
        return !hold.isZero();
    }

    /**
     * RFC 9687 §4: the SendHoldTimer is the larger of 8 minutes and twice the negotiated hold time; with hold 0 the
     * 8 minutes still apply, so a peer that never reads cannot wedge the session forever.
     */
    public Duration sendHold() {
        Duration twice = hold.multipliedBy(2);
        Duration floor = Duration.ofMinutes(8);
        return twice.compareTo(floor) > 0 ? twice : floor;
    }
}
