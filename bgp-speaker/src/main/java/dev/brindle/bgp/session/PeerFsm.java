package dev.brindle.bgp.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BGP finite state machine for one peer (RFC 4271 §8). The peer-level states Idle, Connect and Active live
 * here; OpenSent, OpenConfirm and Established belong to a TCP connection, and a peer can briefly have two (ours and
 * the peer's) until collision resolution (§6.8) keeps one. The reported state is the most advanced of them.
 *
 * <p>Complicating factors:
 *
 * <ul>
 *   <li>Both sides may connect at once; the connection initiated by the higher BGP Identifier survives and the
 *       other is closed with Cease 6/7. A connection arriving while one is Established is rejected the same way.
 *   <li>ConnectRetry is jittered (RFC 4271 §10) so a mesh restarting together does not reconnect in lockstep, and it
 *       stays short (Calico's 3 s): no BIRD-style escalation to 60 s.
 *   <li>After any session end the peer goes Idle and restarts itself one ConnectRetry later (AutomaticStart with an
 *       IdleHold of one ConnectRetry) so an erroring peer cannot make us spin.
 *   <li>A peer that never reads our data stalls writes: the SendHoldTimer (RFC 9687) closes such a session.
 *   <li>Everything runs on the speaker's single event loop, so no method here needs locking.
 * </ul>
 */
public final class PeerFsm {
    private static final Logger LOG = LoggerFactory.getLogger(PeerFsm.class);
    /** RFC 4271 §8.2.2: the "large value" the HoldTimer gets while waiting for the peer's OPEN. */
    static final Duration OPEN_SENT_HOLD = Duration.ofMinutes(4);

    private final PeerConfig config;
    private final Supplier<OpenParameters> localOpen;
    private final TimerService timers;
    private final Dialer dialer;
    private final SessionListener listener;
    private final List<ConnectionContext> connections = new ArrayList<>(2);

    private boolean enabled;
    private boolean dialing;
    private SessionState peerState = SessionState.IDLE;
    private SessionState reported = SessionState.IDLE;
    private Optional<ConnectionContext> established = Optional.empty();
    private Optional<EstablishedSession> session = Optional.empty();
    private Cancellable connectRetryTimer = Cancellable.NONE;
    private Cancellable idleHoldTimer = Cancellable.NONE;
    private Instant since;
    private String lastError = "";

    public PeerFsm(
            PeerConfig config,
            Supplier<OpenParameters> localOpen,
            TimerService timers,
            Dialer dialer,
            SessionListener listener) {
        this.config = config;
        this.localOpen = localOpen;
        this.timers = timers;
        this.dialer = dialer;
        this.listener = listener;
        this.since = timers.now();
    }

    public PeerConfig config() {
        return config;
    }

    public SessionState state() {
        return reported;
    }

    public Instant since() {
        return since;
    }

    public String lastError() {
        return lastError;
    }

    public Optional<EstablishedSession> session() {
        return session;
    }

    // ---------------------------------------------------------------- administrative events

    /** ManualStart / AutomaticStart (events 1, 3, 4, 5): Connect when active, Active when passive. */
    public void start() {
        enabled = true;
        idleHoldTimer.cancel();
        if (peerState != SessionState.IDLE || !connections.isEmpty()) {
            return;
        }
        if (config.passive()) {
            setPeerState(SessionState.ACTIVE);
        } else {
            dial();
        }
    }

    /** ManualStop (event 2): Cease to every connection, then Idle without restarting. */
    public void stop(NotificationReason reason) {
        enabled = false;
        connectRetryTimer.cancel();
        idleHoldTimer.cancel();
        for (ConnectionContext ctx : List.copyOf(connections)) {
            ctx.connection.sendNotification(reason);
            drop(ctx, DownCause.STOPPED);
        }
        setPeerState(SessionState.IDLE);
    }

    // ---------------------------------------------------------------- TCP events

    /** A TCP connection to the peer is up, outgoing (events 16/17) or accepted (event 14/15). */
    public void connectionUp(Connection connection) {
        if (connection.locallyInitiated()) {
            dialing = false;
        }
        if (established.isPresent()) {
            // RFC 4271 §6.8: a connection colliding with an Established session is closed. Closed before any
            // OPEN and without a NOTIFICATION: BIRD tears down its Established session when a Cease arrives on
            // the other connection.
            connection.close();
            return;
        }
        if (!enabled || connections.size() >= 2) {
            connection.sendNotification(NotificationReason.CONNECTION_REJECTED);
            return;
        }
        idleHoldTimer.cancel();
        ConnectionContext ctx = new ConnectionContext(connection);
        connections.add(ctx);
        connection.sendOpen(localOpen.get());
        connection.flush();
        ctx.holdTimer = timers.schedule(OPEN_SENT_HOLD, () -> holdExpired(ctx));
        updateReported();
    }

    /** The outgoing TCP connection failed (event 18): Connect → Active, ConnectRetry keeps running. */
    public void connectFailed() {
        dialing = false;
        if (peerState == SessionState.CONNECT && connections.isEmpty()) {
            setPeerState(SessionState.ACTIVE);
        }
    }

    /** The TCP connection closed under us without a NOTIFICATION (event 18 in OpenSent and later). */
    public void connectionClosed(Connection connection) {
        find(connection).ifPresent(ctx -> {
            if (ctx.state == SessionState.ESTABLISHED) {
                lastError = "connection lost";
            }
            drop(ctx, DownCause.CONNECTION_LOST);
        });
    }

    /** The connection's send buffer filled up or drained: arms or disarms the SendHoldTimer (RFC 9687). */
    public void writabilityChanged(Connection connection, boolean writable) {
        find(connection).ifPresent(ctx -> {
            if (writable) {
                ctx.sendHoldTimer.cancel();
                ctx.sendHoldTimer = Cancellable.NONE;
            } else if (ctx.sendHoldTimer == Cancellable.NONE) {
                ctx.sendHoldTimer = timers.schedule(ctx.times.sendHold(), () -> sendHoldExpired(ctx));
            }
        });
    }

    // ---------------------------------------------------------------- message events

    /**
     * An OPEN arrived (event 19) that already passed the codec's RFC 4271 §6.2 checks (peer AS, identifier, hold
     * time); resolves collisions and answers with KEEPALIVE.
     */
    public void openReceived(Connection connection, OpenParameters open) {
        Optional<ConnectionContext> found = find(connection);
        if (found.isEmpty()) {
            return;
        }
        ConnectionContext ctx = found.get();
        if (ctx.state != SessionState.OPEN_SENT) {
            fsmError(ctx);
            return;
        }
        if (!resolveCollision(ctx, open)) {
            return;
        }
        ctx.peerOpen = Optional.of(open);
        ctx.times = HoldTimes.negotiate(localOpen.get().holdTimeSeconds(), open.holdTimeSeconds());
        ctx.state = SessionState.OPEN_CONFIRM;
        connection.sendKeepalive();
        connection.flush();
        restartHold(ctx);
        scheduleKeepalive(ctx);
        updateReported();
    }

    /** A KEEPALIVE arrived (event 26): OpenConfirm → Established, or a hold-timer restart. */
    public void keepaliveReceived(Connection connection) {
        find(connection).ifPresent(ctx -> {
            switch (ctx.state) {
                case OPEN_CONFIRM -> becomeEstablished(ctx);
                case ESTABLISHED -> restartHold(ctx);
                default -> fsmError(ctx);
            }
        });
    }

    /**
     * An UPDATE or ROUTE-REFRESH arrived (events 27, RFC 2918). Returns true when the session is Established and
     * the caller should process it; otherwise it was an FSM error (RFC 6608 5/1, 5/2) and the connection is closed.
     */
    public boolean establishedMessageReceived(Connection connection) {
        Optional<ConnectionContext> ctx = find(connection);
        if (ctx.isEmpty()) {
            return false;
        }
        if (ctx.get().state != SessionState.ESTABLISHED) {
            fsmError(ctx.get());
            return false;
        }
        restartHold(ctx.get());
        return true;
    }

    /** The peer sent a NOTIFICATION (events 24, 25): close without answering. */
    public void notificationReceived(Connection connection, NotificationReason reason) {
        find(connection).ifPresent(ctx -> {
            lastError = "received NOTIFICATION " + reason;
            LOG.atInfo().addKeyValue("peer", config.address()).log("peer sent NOTIFICATION {}", reason);
            drop(ctx, DownCause.NOTIFICATION_RECEIVED);
        });
    }

    /** A message error (header, OPEN, UPDATE session reset): send the NOTIFICATION and close (events 21, 22, 28). */
    public void protocolError(Connection connection, NotificationReason reason) {
        find(connection).ifPresent(ctx -> {
            lastError = "sent NOTIFICATION " + reason;
            LOG.atWarn().addKeyValue("peer", config.address()).log("closing session: NOTIFICATION {}", reason);
            connection.sendNotification(reason);
            drop(ctx, DownCause.NOTIFICATION_SENT);
        });
    }

    // ---------------------------------------------------------------- internals

    private void dial() {
        setPeerState(SessionState.CONNECT);
        connectRetryTimer.cancel();
        connectRetryTimer = timers.schedule(jittered(config.connectRetry()), this::connectRetryExpired);
        if (!dialing) {
            dialing = true;
            dialer.dial(this);
        }
    }

    private void connectRetryExpired() {
        if (!enabled || !connections.isEmpty()) {
            return;
        }
        if (config.passive()) {
            setPeerState(SessionState.ACTIVE);
        } else {
            dial();
        }
    }

    /**
     * RFC 4271 §6.8: when an OPEN arrives and another connection already knows the peer's identifier, the one
     * initiated by the higher BGP Identifier stays. Returns false if {@code ctx} lost and was closed.
     */
    private boolean resolveCollision(ConnectionContext ctx, OpenParameters open) {
        if (established.isPresent()) {
            closeWith(ctx, NotificationReason.COLLISION_RESOLUTION);
            return false;
        }
        for (ConnectionContext other : List.copyOf(connections)) {
            if (other == ctx || other.state != SessionState.OPEN_CONFIRM) {
                continue;
            }
            boolean localHigher = Integer.compareUnsigned(localOpen.get().bgpIdentifier(), open.bgpIdentifier()) > 0;
            ConnectionContext loser = ctx.connection.locallyInitiated() == localHigher ? other : ctx;
            closeWith(loser, NotificationReason.COLLISION_RESOLUTION);
            return loser != ctx;
        }
        return true;
    }

    private void closeWith(ConnectionContext ctx, NotificationReason reason) {
        ctx.connection.sendNotification(reason);
        ctx.cancelTimers();
        connections.remove(ctx);
        updateReported();
    }

    private void becomeEstablished(ConnectionContext ctx) {
        ctx.state = SessionState.ESTABLISHED;
        established = Optional.of(ctx);
        connectRetryTimer.cancel();
        for (ConnectionContext other : List.copyOf(connections)) {
            if (other != ctx) {
                closeWith(other, NotificationReason.COLLISION_RESOLUTION);
            }
        }
        restartHold(ctx);
        EstablishedSession s =
                new EstablishedSession(ctx.connection, localOpen.get(), ctx.peerOpen.orElseThrow(), ctx.times.hold());
        session = Optional.of(s);
        lastError = "";
        updateReported();
        listener.established(this, s);
    }

    private void fsmError(ConnectionContext ctx) {
        // RFC 6608: subcode 1 = unexpected in OpenSent, 2 = in OpenConfirm, 3 = in Established.
        int subcode = switch (ctx.state) {
            case OPEN_SENT -> 1;
            case OPEN_CONFIRM -> 2;
            default -> 3;
        };
        protocolError(ctx.connection, NotificationReason.of(5, subcode));
    }

    private void holdExpired(ConnectionContext ctx) {
        if (!connections.contains(ctx)) {
            return;
        }
        lastError = "hold timer expired";
        LOG.atWarn().addKeyValue("peer", config.address()).log("hold timer expired");
        ctx.connection.sendNotification(NotificationReason.HOLD_TIMER_EXPIRED);
        drop(ctx, DownCause.NOTIFICATION_SENT);
    }

    private void sendHoldExpired(ConnectionContext ctx) {
        if (!connections.contains(ctx)) {
            return;
        }
        lastError = "send hold timer expired (peer not reading)";
        LOG.atWarn().addKeyValue("peer", config.address()).log("send hold timer expired, RFC 9687");
        ctx.connection.sendNotification(NotificationReason.SEND_HOLD_TIMER_EXPIRED);
        drop(ctx, DownCause.NOTIFICATION_SENT);
    }

    private void restartHold(ConnectionContext ctx) {
        ctx.holdTimer.cancel();
        if (ctx.times.enabled()) {
            ctx.holdTimer = timers.schedule(ctx.times.hold(), () -> holdExpired(ctx));
        } else {
            ctx.holdTimer = Cancellable.NONE;
        }
    }

    private void scheduleKeepalive(ConnectionContext ctx) {
        if (!ctx.times.enabled()) {
            return;
        }
        ctx.keepaliveTimer = timers.schedule(jittered(ctx.times.keepalive()), () -> {
            if (connections.contains(ctx)) {
                ctx.connection.sendKeepalive();
                ctx.connection.flush();
                scheduleKeepalive(ctx);
            }
        });
    }

    /** Removes a connection; if it carried the session, reports it down and goes Idle to restart later. */
    private void drop(ConnectionContext ctx, DownCause cause) {
        ctx.cancelTimers();
        ctx.connection.close();
        connections.remove(ctx);
        if (established.orElse(null) == ctx) {
            established = Optional.empty();
            EstablishedSession s = session.orElseThrow();
            session = Optional.empty();
            setPeerState(SessionState.IDLE);
            listener.down(this, s, cause);
        }
        if (connections.isEmpty()) {
            setPeerState(SessionState.IDLE);
            connectRetryTimer.cancel();
            if (enabled) {
                idleHoldTimer.cancel();
                idleHoldTimer = timers.schedule(jittered(config.connectRetry()), this::start);
            }
        }
        updateReported();
    }

    private Optional<ConnectionContext> find(Connection connection) {
        for (ConnectionContext ctx : connections) {
            if (ctx.connection == connection) {
                return Optional.of(ctx);
            }
        }
        return Optional.empty();
    }

    private Duration jittered(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * timers.jitter()));
    }

    private void setPeerState(SessionState s) {
        peerState = s;
        updateReported();
    }

    private void updateReported() {
        SessionState now = peerState;
        for (ConnectionContext ctx : connections) {
            if (ctx.state.compareTo(now) > 0) {
                now = ctx.state;
            }
        }
        if (now != reported) {
            SessionState from = reported;
            reported = now;
            since = timers.now();
            LOG.atInfo().addKeyValue("peer", config.address()).log("{} -> {}", from, now);
            listener.stateChanged(this, from, now);
        }
    }
}
