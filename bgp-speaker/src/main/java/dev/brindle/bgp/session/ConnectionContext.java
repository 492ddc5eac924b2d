package dev.brindle.bgp.session;

import java.time.Duration;
import java.util.Optional;

/**
 * The per-connection half of the FSM: one TCP connection's state, the peer's OPEN and its three timers — hold
 * (RFC 4271 §10), keepalive (a jittered third of the hold time) and send hold (RFC 9687).
 */
final class ConnectionContext {
    final Connection connection;
    SessionState state = SessionState.OPEN_SENT;
    Optional<OpenParameters> peerOpen = Optional.empty();
    HoldTimes times = HoldTimes.NONE;
    Cancellable holdTimer = Cancellable.NONE;
    Cancellable keepaliveTimer = Cancellable.NONE;
    Cancellable sendHoldTimer = Cancellable.NONE;

    ConnectionContext(Connection connection) {
        this.connection = connection;
    }

    void restartHold(TimerService timers, Runnable onExpiry) {
        holdTimer.cancel();
        holdTimer = times.enabled() ? timers.schedule(times.hold(), onExpiry) : Cancellable.NONE;
    }

    /** Sends a KEEPALIVE every jittered keepalive interval until {@link #cancelTimers()}; none with hold 0. */
    void startKeepalives(TimerService timers) {
        if (!times.enabled()) {
            return;
        }
        Duration next = Duration.ofNanos((long) (times.keepalive().toNanos() * timers.jitter()));
        keepaliveTimer = timers.schedule(next, () -> {
            connection.sendKeepalive();
            connection.flush();
            startKeepalives(timers);
        });
    }

    /** The send buffer is full: start the SendHoldTimer unless it already runs. */
    void armSendHold(TimerService timers, Runnable onExpiry) {
        if (sendHoldTimer == Cancellable.NONE) {
            sendHoldTimer = timers.schedule(times.sendHold(), onExpiry);
        }
    }

    void disarmSendHold() {
        sendHoldTimer.cancel();
        sendHoldTimer = Cancellable.NONE;
    }

    void cancelTimers() {
        holdTimer.cancel();
        keepaliveTimer.cancel();
        sendHoldTimer.cancel();
        sendHoldTimer = Cancellable.NONE;
    }
}
