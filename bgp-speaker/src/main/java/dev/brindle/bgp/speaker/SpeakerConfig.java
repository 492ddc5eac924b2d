package dev.brindle.bgp.speaker;

import dev.brindle.bgp.policy.ExportPolicy;
import dev.brindle.bgp.policy.ImportPolicy;
import dev.brindle.core.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Speaker-wide settings.
 *
 * @param routerId our BGP Identifier (RFC 4271 §4.2), the node's IPv4 address in Calico
 * @param listenAddress where we accept connections; empty = do not listen
 * @param clusterId the route-reflector cluster ID (RFC 4456 §7); the router ID when unset
 * @param gracefulRestartSeconds the restart time we announce (RFC 4724 §3); 0 = do not announce graceful restart
 * @param pools import filter: only prefixes inside these are accepted (empty = everything)
 * @param selectionDeferralSeconds RFC 4724 §4.1: the longest a restarting speaker waits for its peers' End-of-RIB
 *     before it selects and sends routes (BIRD's {@code graceful restart wait}, 360 s)
 */
public record SpeakerConfig(
        long asNumber,
        Inet4Address routerId,
        Optional<InetAddress> listenAddress,
        int listenPort,
        Optional<Inet4Address> clusterId,
        int gracefulRestartSeconds,
        List<IpPrefix> pools,
        ImportPolicy importPolicy,
        ExportPolicy exportPolicy,
        int selectionDeferralSeconds) {

    public static final long DEFAULT_AS = 64512;
    public static final int DEFAULT_GRACEFUL_RESTART = 120;
    public static final int DEFAULT_SELECTION_DEFERRAL = 360;

    public SpeakerConfig {
        if (asNumber < 1 || asNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AS " + asNumber + " must be 1..4294967295");
        }
        if (listenPort < 1 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port " + listenPort + " must be 1..65535");
        }
        if (gracefulRestartSeconds < 0 || gracefulRestartSeconds > 4095) {
            throw new IllegalArgumentException(
                    "graceful restart time " + gracefulRestartSeconds + " must be 0..4095 s (RFC 4724 §3)");
        }
        if (selectionDeferralSeconds < 0) {
            throw new IllegalArgumentException(
                    "selection deferral " + selectionDeferralSeconds + " s must be >= 0 (0 = do not defer)");
        }
        pools = List.copyOf(pools);
    }

    /** AS, router ID, listening on the router ID at port 179, graceful restart 120 s, no pools, no policy. */
    public static SpeakerConfig of(long asNumber, Inet4Address routerId) {
        return new SpeakerConfig(
                asNumber,
                routerId,
                Optional.of(routerId),
                179,
                Optional.empty(),
                DEFAULT_GRACEFUL_RESTART,
                List.of(),
                ImportPolicy.ACCEPT_ALL,
                ExportPolicy.ACCEPT_ALL,
                DEFAULT_SELECTION_DEFERRAL);
    }

    public SpeakerConfig withListen(Optional<InetAddress> address, int port) {
        return new SpeakerConfig(
                asNumber,
                routerId,
                address,
                port,
                clusterId,
                gracefulRestartSeconds,
                pools,
                importPolicy,
                exportPolicy,
                selectionDeferralSeconds);
    }

    public SpeakerConfig withClusterId(Inet4Address id) {
        return new SpeakerConfig(
                asNumber,
                routerId,
                listenAddress,
                listenPort,
                Optional.of(id),
                gracefulRestartSeconds,
                pools,
                importPolicy,
                exportPolicy,
                selectionDeferralSeconds);
    }

    public SpeakerConfig withGracefulRestart(int seconds) {
        return new SpeakerConfig(
                asNumber,
                routerId,
                listenAddress,
                listenPort,
                clusterId,
                seconds,
                pools,
                importPolicy,
                exportPolicy,
                selectionDeferralSeconds);
    }

    public SpeakerConfig withPools(List<IpPrefix> value) {
        return new SpeakerConfig(
                asNumber,
                routerId,
                listenAddress,
                listenPort,
                clusterId,
                gracefulRestartSeconds,
                value,
                importPolicy,
                exportPolicy,
                selectionDeferralSeconds);
    }

    public SpeakerConfig withPolicies(ImportPolicy imports, ExportPolicy exports) {
        return new SpeakerConfig(
                asNumber,
                routerId,
                listenAddress,
                listenPort,
                clusterId,
                gracefulRestartSeconds,
                pools,
                imports,
                exports,
                selectionDeferralSeconds);
    }

    /** Bounds the restart deferral of route selection (RFC 4724 §4.1); 0 turns the deferral off. */
    public SpeakerConfig withSelectionDeferral(int seconds) {
        return new SpeakerConfig(
                asNumber,
                routerId,
                listenAddress,
                listenPort,
                clusterId,
                gracefulRestartSeconds,
                pools,
                importPolicy,
                exportPolicy,
                seconds);
    }

    /** RFC 4456 §7: without a configured cluster ID a reflector uses its router ID. */
    public Inet4Address effectiveClusterId() {
        return clusterId.orElse(routerId);
    }
}
