package dev.brindle.bgp.speaker;

import dev.brindle.bgp.policy.ExportPolicy;
import dev.brindle.bgp.policy.ImportPolicy;
import dev.brindle.bgp.rib.AdjRibIn;
import dev.brindle.bgp.rib.AdjRibOut;
import dev.brindle.bgp.rib.LocRib;
import dev.brindle.bgp.rib.RouteSource;
import dev.brindle.bgp.rib.UpdateBatch;
import dev.brindle.bgp.session.Cancellable;
import dev.brindle.bgp.session.EstablishedSession;
import dev.brindle.bgp.session.GracefulRestartCapability;
import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.bgp.session.PeerFsm;
import dev.brindle.core.IpFamily;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Everything the speaker keeps per peer: its FSM, its RIBs, its policies and its graceful-restart state. */
final class PeerContext {
    final PeerConfig config;
    /** Pool filter, speaker-wide hook, then this peer's hook, composed once. */
    final ImportPolicy importPolicy;

    final ExportPolicy exportPolicy;
    final AdjRibIn in;
    final AdjRibOut out = new AdjRibOut();
    final UpdateBatch pending = new UpdateBatch();
    PeerFsm fsm;
    RouteSource.Peer source;
    Optional<EstablishedSession> session = Optional.empty();
    /** The graceful-restart capability of the peer's last OPEN: decides whether its routes survive a drop. */
    Optional<GracefulRestartCapability> peerRestart = Optional.empty();

    Cancellable staleTimer = Cancellable.NONE;
    /** The families whose End-of-RIB arrived on the current session: their initial routes are here (RFC 4724 §2). */
    final Set<IpFamily> endOfRib = EnumSet.noneOf(IpFamily.class);
    /** The families between the peer's Begin- and End-of-RIB of an enhanced route refresh (RFC 7313 §4). */
    final Set<IpFamily> refreshing = EnumSet.noneOf(IpFamily.class);

    PeerContext(
            PeerConfig config, SpeakerConfig speaker, LocRib loc, ImportPolicy peerImport, ExportPolicy exportPolicy) {
        this.config = config;
        this.importPolicy = ImportPolicy.insidePools(speaker.pools())
                .andThen(speaker.importPolicy())
                .andThen(peerImport);
        long localAs = speaker.asNumber();
        this.exportPolicy = exportPolicy;
        this.source = new RouteSource.Peer(
                config.address(), config.remoteAs(), 0, config.remoteAs() == localAs, config.reflectorClient());
        this.in = new AdjRibIn(loc, source);
    }

    boolean internal() {
        return source.internal();
    }

    /** End-of-RIB arrived for every family the session carries. */
    boolean endOfRibReceived() {
        return session.map(s -> endOfRib.containsAll(s.families())).orElse(false);
    }

    /**
     * RFC 4724 §4.1: a restarting speaker waits for this peer's End-of-RIB only if it advertised graceful restart
     * without the Restart State bit. A peer that is not back yet does not hold anything up: it may be gone for
     * good, and it gets our routes the usual way once it is back.
     */
    boolean holdsBackSelection() {
        if (session.isEmpty()) {
            return false;
        }
        boolean waitedFor = peerRestart.map(gr -> !gr.restarting()).orElse(false);
        return waitedFor && !endOfRibReceived();
    }
}
