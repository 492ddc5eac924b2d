package dev.brindle.bgp.speaker;

import dev.brindle.bgp.session.GracefulRestartCapability;
import dev.brindle.bgp.session.Ipv4;
import dev.brindle.bgp.session.OpenParameters;
import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.bgp.session.TimerService;
import dev.brindle.core.IpFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OPEN we send to a peer: our AS and identifier, the peer's configured hold time, IPv4 and IPv6 unicast (RFC
 * 4760), route refresh and enhanced route refresh (RFC 2918, RFC 7313), 4-octet AS, and graceful restart (RFC 4724
 * §3) for both families with the F bit set — the agent keeps the kernel routes while the speaker restarts. The R bit is set during the first restart-time window after start: a speaker that just started
 * may be coming back from a restart, and it tells peers that kept our routes to wait for our End-of-RIB.
 */
final class LocalOpens {
    private final SpeakerConfig config;
    private final TimerService clock;
    private final Instant started;

    /** Starts the restart window now, on {@code clock}: the same clock every later OPEN is measured on. */
    LocalOpens(SpeakerConfig config, TimerService clock) {
        this.config = config;
        this.clock = clock;
        this.started = clock.now();
    }

    OpenParameters forPeer(PeerConfig peer) {
        Optional<GracefulRestartCapability> gr = Optional.empty();
        int seconds = config.gracefulRestartSeconds();
        if (seconds > 0) {
            boolean restarting = Duration.between(started, clock.now()).toSeconds() < seconds;
            gr = Optional.of(
                    new GracefulRestartCapability(seconds, restarting, Map.of(IpFamily.V4, true, IpFamily.V6, true)));
        }
        return new OpenParameters(
                config.asNumber(),
                peer.holdTimeSeconds(),
                Ipv4.toInt(config.routerId()),
                Set.of(IpFamily.V4, IpFamily.V6),
                true,
                true,
                true,
                gr);
    }
}
