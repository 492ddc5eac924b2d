package dev.brindle.bgp.session;

import java.util.Optional;

/** The per-connection half of the FSM: one TCP connection's state, the peer's OPEN and its timers. */
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

    void cancelTimers() {
        holdTimer.cancel();
        keepaliveTimer.cancel();
        sendHoldTimer.cancel();
        sendHoldTimer = Cancellable.NONE;
    }
}
