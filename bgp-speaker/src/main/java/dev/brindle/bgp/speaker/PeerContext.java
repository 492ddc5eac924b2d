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
import java.util.Optional;

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
    /** The peer's End-of-RIB has arrived on the current session: its initial routes are all here (RFC 4724 §2). */
    boolean endOfRibReceived;

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
}
