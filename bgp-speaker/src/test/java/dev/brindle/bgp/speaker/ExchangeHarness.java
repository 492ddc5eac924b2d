package dev.brindle.bgp.speaker;

import dev.brindle.bgp.policy.ExportPolicy;
import dev.brindle.bgp.policy.ImportPolicy;
import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.EstablishedSession;
import dev.brindle.bgp.session.GracefulRestartCapability;
import dev.brindle.bgp.session.Ipv4;
import dev.brindle.bgp.session.ManualTimers;
import dev.brindle.bgp.session.OpenParameters;
import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.bgp.session.RecordingConnection;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link RouteExchange} on manual timers with recording connections: what the dual-stack tests drive. */
final class ExchangeHarness {
    static final Inet4Address ME = (Inet4Address) IpAddresses.parse("192.0.2.100");
    static final Set<IpFamily> DUAL = Set.of(IpFamily.V4, IpFamily.V6);

    final ManualTimers timers = new ManualTimers();
    final List<String> events = new ArrayList<>();
    final SpeakerConfig config;
    final RouteExchange exchange;

    /** Records every best-route event in {@link #events} as "KIND prefix via next-hop from peer". */
    ExchangeHarness(SpeakerConfig config) {
        this.config = config;
        exchange = new RouteExchange(
                config,
                timers,
                e -> events.add(e.kind() + " " + e.prefix() + " via " + IpAddresses.format(e.nextHop()) + " from "
                        + IpAddresses.format(e.peer())));
    }

    ExchangeHarness(SpeakerConfig config, BestRouteListener listener) {
        this.config = config;
        exchange = new RouteExchange(config, timers, listener);
    }

    static InetAddress ip(String s) {
        return IpAddresses.parse(s);
    }

    /** Graceful restart for both families, F set, with the given R bit. */
    static Optional<GracefulRestartCapability> gr(boolean restarting) {
        return Optional.of(
                new GracefulRestartCapability(120, restarting, Map.of(IpFamily.V4, true, IpFamily.V6, true)));
    }

    PeerContext peer(String addr) {
        return peer(PeerConfig.of(ip(addr), 64512));
    }

    /** Adds a peer with {@code peerConfig} and no per-peer policy to the exchange. */
    PeerContext peer(PeerConfig peerConfig) {
        PeerContext p = new PeerContext(
                peerConfig, config, exchange.locRib(), ImportPolicy.ACCEPT_ALL, ExportPolicy.ACCEPT_ALL);
        exchange.addPeer(p);
        return p;
    }

    /**
     * Brings {@code p} to Established over a connection whose local address is {@code local}; we offer both
     * families and enhanced route refresh, the peer offers {@code families}, ERR if {@code err}, and {@code gr}.
     */
    RecordingConnection establish(
            PeerContext p,
            InetAddress local,
            Set<IpFamily> families,
            boolean err,
            Optional<GracefulRestartCapability> gr) {
        RecordingConnection c = new RecordingConnection(true, local);
        OpenParameters mine = new OpenParameters(64512, 90, Ipv4.toInt(ME), DUAL, true, true, true, gr(false));
        int id = p.config.address() instanceof Inet4Address v4 ? Ipv4.toInt(v4) : 0x0a0000ff; // IPv6 peers too
        OpenParameters theirs = new OpenParameters(64512, 90, id, families, true, true, err, gr);
        exchange.established(p, new EstablishedSession(c, mine, theirs, Duration.ofSeconds(90)));
        return c;
    }

    static RouteUpdate announce(String nextHop, String... prefixes) {
        return RouteUpdate.announce(
                PathAttributes.originated(ip(nextHop)),
                List.of(prefixes).stream().map(IpPrefix::parse).toList());
    }
}
