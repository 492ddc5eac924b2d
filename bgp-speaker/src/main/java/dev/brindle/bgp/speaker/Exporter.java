package dev.brindle.bgp.speaker;

import dev.brindle.bgp.rib.LocRib;
import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.Route;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.Connection;
import dev.brindle.bgp.session.EstablishedSession;
import dev.brindle.bgp.session.RouteRefresh;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The sending half of the route exchange: what each Established peer is told about a best route (export rules,
 * then the speaker-wide and the peer's export policy), recorded in its Adj-RIB-Out and batched until {@link
 * #flush}; the initial table with its End-of-RIB markers; the answer to a route refresh. A prefix goes only to
 * peers whose session negotiated its family (RFC 4760 §6).
 */
final class Exporter {
    private final SpeakerConfig config;
    private final LocRib loc;
    private final Map<IpPrefix, Optional<InetAddress>> announced;
    private final Collection<PeerContext> peers;

    /**
     * @param announced the agent's announcements and their explicit next hops, owned by the caller
     * @param peers every configured peer, a live view owned by the caller
     */
    Exporter(
            SpeakerConfig config,
            LocRib loc,
            Map<IpPrefix, Optional<InetAddress>> announced,
            Collection<PeerContext> peers) {
        this.config = config;
        this.loc = loc;
        this.announced = announced;
        this.peers = peers;
    }

    /** A best-route change for every peer. */
    void toAll(IpPrefix prefix, Optional<Route> best) {
        for (PeerContext peer : peers) {
            to(peer, prefix, best);
        }
    }

    /** The initial dump to a peer whose session just came up, then one End-of-RIB per family (RFC 4724 §2). */
    void table(PeerContext peer) {
        EstablishedSession session = peer.session.orElseThrow();
        resend(peer, p -> true);
        for (IpFamily f : IpFamily.values()) {
            if (session.carries(f)) {
                session.connection().sendUpdate(RouteUpdate.endOfRib(f));
            }
        }
        session.connection().flush();
    }

    /**
     * RFC 2918 §4: re-sends the family's Adj-RIB-Out; RFC 7313 §4: between Begin- and End-of-RIB when both sides
     * announced enhanced route refresh, so the peer can purge what we no longer send.
     */
    void refresh(PeerContext peer, EstablishedSession session, IpFamily family) {
        Connection c = session.connection();
        boolean enhanced = session.enhancedRouteRefresh();
        if (enhanced) {
            c.sendRouteRefresh(family, RouteRefresh.BEGIN);
        }
        resend(peer, p -> p.family() == family);
        if (enhanced) {
            c.sendRouteRefresh(family, RouteRefresh.END);
        }
        c.flush();
    }

    /** Sends every peer's batched changes, as few UPDATEs as the attribute sets allow. */
    void flush() {
        for (PeerContext peer : peers) {
            if (peer.pending.isEmpty()) {
                continue;
            }
            List<RouteUpdate> updates = peer.pending.drain();
            peer.session.ifPresent(s -> {
                updates.forEach(s.connection()::sendUpdate);
                s.connection().flush();
            });
        }
    }

    /** Forgets what the peer was told about the prefixes {@code which} selects and sends their best routes again. */
    private void resend(PeerContext peer, Predicate<IpPrefix> which) {
        peer.out.forget(which);
        for (Route best : loc.bestRoutes()) {
            if (which.test(best.prefix())) {
                to(peer, best.prefix(), Optional.of(best));
            }
        }
        flush();
    }

    private void to(PeerContext peer, IpPrefix prefix, Optional<Route> best) {
        if (peer.session.isEmpty() || !peer.session.get().carries(prefix.family())) {
            return;
        }
        InetAddress local = peer.session.get().connection().localAddress();
        Optional<PathAttributes> attrs = best.flatMap(r -> ExportRules.export(
                        r, announced.getOrDefault(prefix, Optional.empty()), peer.source, local, config))
                .flatMap(a -> config.exportPolicy().apply(peer.config.address(), prefix, a))
                .flatMap(a -> peer.exportPolicy.apply(peer.config.address(), prefix, a));
        if (attrs.isPresent()) {
            if (peer.out.advertise(prefix, attrs.get())) {
                peer.pending.announce(prefix, attrs.get());
            }
        } else if (peer.out.withdraw(prefix)) {
            peer.pending.withdraw(prefix);
        }
    }
}
