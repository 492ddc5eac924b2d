package dev.brindle.bgp.speaker;

import dev.brindle.bgp.session.Cancellable;
import dev.brindle.bgp.session.TimerService;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 4724 §4.1, restarting speaker: after a restart, route selection and the sending of our routes wait until
 * every peer that advertised graceful restart without the Restart State bit has sent its End-of-RIB, bounded by a
 * timer (BIRD's {@code graceful restart wait}). We announce the R bit after every start (see {@link LocalOpens}),
 * so the deferral runs after every start; it costs a cold start nothing: it ends at the first moment when some peer
 * is Established and none of the Established peers is a graceful-restart helper (R bit clear) whose End-of-RIB is
 * still missing. A peer without graceful restart, or restarting itself, settles as soon as its OPEN arrives; a
 * peer that is not back does not hold anything up ({@link PeerContext#holdsBackSelection}).
 */
final class SelectionDeferral {
    private static final Logger LOG = LoggerFactory.getLogger(SelectionDeferral.class);

    private final Supplier<Collection<PeerContext>> peers;
    private final Runnable onEnd;
    private boolean active;
    private Cancellable timer = Cancellable.NONE;

    SelectionDeferral(
            SpeakerConfig config, TimerService timers, Supplier<Collection<PeerContext>> peers, Runnable onEnd) {
        this.peers = peers;
        this.onEnd = onEnd;
        this.active = config.gracefulRestartSeconds() > 0 && config.selectionDeferralSeconds() > 0;
        if (active) {
            timer = timers.schedule(Duration.ofSeconds(config.selectionDeferralSeconds()), () -> end("timer expired"));
        }
    }

    boolean active() {
        return active;
    }

    /** Ends the deferral once no peer holds it back; call after anything that can settle a peer. */
    void check() {
        Collection<PeerContext> all = peers.get();
        if (active
                && all.stream().anyMatch(p -> p.session.isPresent())
                && all.stream().noneMatch(PeerContext::holdsBackSelection)) {
            end("End-of-RIB from every Established peer");
        }
    }

    private void end(String why) {
        if (!active) {
            return;
        }
        active = false;
        timer.cancel();
        LOG.atInfo().log("restart: route selection deferral over ({})", why);
        onEnd.run();
    }
}
