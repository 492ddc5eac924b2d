package dev.brindle.bgp.speaker;

import dev.brindle.bgp.rib.BestChange;
import dev.brindle.bgp.rib.LocRib;
import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.Route;
import dev.brindle.bgp.rib.RouteSource;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.Connection;
import dev.brindle.bgp.session.DownCause;
import dev.brindle.bgp.session.EstablishedSession;
import dev.brindle.bgp.session.GracefulRestartCapability;
import dev.brindle.bgp.session.TimerService;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves routes between the RIBs: peers' UPDATEs into their Adj-RIB-In and the Loc-RIB, best-route changes out to
 * every Established peer's Adj-RIB-Out and to the agent's listener, and graceful restart (RFC 4724) on both sides.
 * No I/O of its own: it sends through each session's {@link Connection}. Runs on the event loop.
 *
 * <p>Complicating factors:
 *
 * <ul>
 *   <li>A peer that drops without a NOTIFICATION keeps its routes as stale for its announced restart time; they
 *       must stay best (no flap towards the agent) and be replaced in place when re-announced, and whatever is
 *       still stale at its End-of-RIB or when the timer runs out is removed.
 *   <li>Changes are batched per peer and flushed once per event, so one UPDATE with 800 prefixes makes one UPDATE
 *       per attribute set, not 800.
 *   <li>The agent hears about learned routes only; its own announcements never echo back as events.
 * </ul>
 */
final class RouteExchange {
    private static final Logger LOG = LoggerFactory.getLogger(RouteExchange.class);

    private final SpeakerConfig config;
    private final TimerService timers;
    private final BestRouteListener listener;
    private final LocRib loc = new LocRib();
    private final Map<IpPrefix, Optional<InetAddress>> announced = new HashMap<>();
    private final Map<InetAddress, PeerContext> peers = new LinkedHashMap<>();

    RouteExchange(SpeakerConfig config, TimerService timers, BestRouteListener listener) {
        this.config = config;
        this.timers = timers;
        this.listener = listener;
    }

    Collection<PeerContext> peers() {
        return peers.values();
    }

    Optional<PeerContext> peer(InetAddress address) {
        return Optional.ofNullable(peers.get(address));
    }

    void addPeer(PeerContext peer) {
        peers.put(peer.config.address(), peer);
    }

    /** Forgets a peer that was stopped: its routes leave the Loc-RIB. */
    void removePeer(PeerContext peer) {
        peers.remove(peer.config.address());
        peer.staleTimer.cancel();
        removeRoutes(peer.in.routes());
        flushAll();
    }

    /** The Loc-RIB, which also holds every peer's Adj-RIB-In ({@link dev.brindle.bgp.rib.AdjRibIn}). */
    LocRib locRib() {
        return loc;
    }

    // ---------------------------------------------------------------- the agent's side

    void announce(IpPrefix prefix, Optional<InetAddress> nextHop) {
        announced.put(prefix, nextHop);
        Route r = new Route(
                prefix, PathAttributes.originated(nextHop.orElse(config.routerId())), RouteSource.LOCAL, false);
        apply(loc.put(r));
        flushAll();
    }

    void withdraw(IpPrefix prefix) {
        if (announced.remove(prefix) != null) {
            apply(loc.remove(prefix, RouteSource.LOCAL));
            flushAll();
        }
    }

    Optional<Route> best(IpPrefix prefix) {
        return loc.best(prefix);
    }

    int locRibSize() {
        return loc.size();
    }

    // ---------------------------------------------------------------- session events

    void established(PeerContext peer, EstablishedSession session) {
        peer.session = Optional.of(session);
        peer.endOfRibReceived = false;
        peer.source = new RouteSource.Peer(
                peer.config.address(),
                peer.config.remoteAs(),
                session.peer().bgpIdentifier(),
                peer.config.remoteAs() == config.asNumber(),
                peer.config.reflectorClient());
        peer.peerRestart = session.peer().gracefulRestart();
        if (peer.in.hasStale()
                && !peer.peerRestart
                        .map(GracefulRestartCapability::preservesIpv4)
                        .orElse(false)) {
            // RFC 4724 §4.2: the peer came back without preserved forwarding state: its stale routes are gone.
            peer.staleTimer.cancel();
            removeRoutes(peer.in.staleRoutes());
        }
        peer.out.clear();
        for (Route best : loc.bestRoutes()) {
            exportTo(peer, best.prefix(), Optional.of(best));
        }
        flushAll();
        // RFC 4724 §2: End-of-RIB after the initial dump, so a helper can drop what we no longer announce.
        session.connection().sendUpdate(new RouteUpdate(List.of(), Optional.empty(), List.of()));
        session.connection().flush();
    }

    void down(PeerContext peer, DownCause cause) {
        peer.session = Optional.empty();
        peer.endOfRibReceived = false;
        peer.out.clear();
        // RFC 4724 §4.2: retain when the family was listed in the peer's capability; the F bit only matters
        // in the OPEN it sends when it comes back.
        boolean keep = cause == DownCause.CONNECTION_LOST
                && peer.peerRestart.map(GracefulRestartCapability::ipv4Unicast).orElse(false);
        List<Route> routes = peer.in.routes();
        if (keep && !routes.isEmpty()) {
            int seconds = peer.peerRestart.orElseThrow().restartTimeSeconds();
            LOG.atInfo()
                    .addKeyValue("peer", peer.config.address())
                    .log("graceful restart: keeping {} routes stale for {} s", routes.size(), seconds);
            for (Route r : routes) {
                apply(loc.put(r.asStale()));
            }
            peer.staleTimer.cancel();
            peer.staleTimer = timers.schedule(Duration.ofSeconds(seconds), () -> flushStale(peer));
        } else {
            peer.staleTimer.cancel();
            removeRoutes(routes);
        }
        flushAll();
    }

    void updateReceived(PeerContext peer, RouteUpdate update) {
        if (update.isEndOfRib()) {
            endOfRib(peer);
            return;
        }
        for (IpPrefix p : update.withdrawn()) {
            apply(loc.remove(p, peer.source));
        }
        if (!update.announced().isEmpty()) {
            Optional<PathAttributes> checked =
                    ImportRules.accept(update.attributes().orElseThrow(), peer.source, config);
            for (IpPrefix p : update.announced()) {
                importRoute(peer, p, checked);
            }
        }
        flushAll();
    }

    /** The peer asked for our routes again (RFC 2918 §4): re-send its whole Adj-RIB-Out. */
    void routeRefreshRequested(PeerContext peer) {
        if (peer.session.isEmpty()) {
            return;
        }
        peer.out.clear();
        for (Route best : loc.bestRoutes()) {
            exportTo(peer, best.prefix(), Optional.of(best));
        }
        flushAll();
    }

    // ---------------------------------------------------------------- internals

    private void importRoute(PeerContext peer, IpPrefix prefix, Optional<PathAttributes> checked) {
        Optional<PathAttributes> accepted = checked.flatMap(a -> peer.importPolicy.apply(peer.source, prefix, a));
        if (accepted.isEmpty()) {
            apply(loc.remove(prefix, peer.source));
            return;
        }
        apply(loc.put(new Route(prefix, accepted.get(), peer.source, false)));
    }

    private void endOfRib(PeerContext peer) {
        peer.endOfRibReceived = true;
        peer.staleTimer.cancel();
        removeRoutes(peer.in.staleRoutes());
        flushAll();
    }

    private void flushStale(PeerContext peer) {
        List<Route> stale = peer.in.staleRoutes();
        if (!stale.isEmpty()) {
            LOG.atInfo()
                    .addKeyValue("peer", peer.config.address())
                    .log("graceful restart: {} stale routes flushed", stale.size());
        }
        removeRoutes(stale);
        flushAll();
    }

    private void removeRoutes(List<Route> routes) {
        for (Route r : routes) {
            apply(loc.remove(r.prefix(), r.source()));
        }
    }

    private void apply(Optional<BestChange> change) {
        if (change.isEmpty()) {
            return;
        }
        BestChange c = change.get();
        for (PeerContext peer : peers.values()) {
            exportTo(peer, c.prefix(), c.current());
        }
        notifyListener(c);
    }

    private void exportTo(PeerContext peer, IpPrefix prefix, Optional<Route> best) {
        if (peer.session.isEmpty()) {
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

    private void flushAll() {
        for (PeerContext peer : peers.values()) {
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

    private void notifyListener(BestChange c) {
        Optional<Route> before = c.previous().filter(r -> r.source() instanceof RouteSource.Peer);
        Optional<Route> after = c.current().filter(r -> r.source() instanceof RouteSource.Peer);
        if (after.isPresent()) {
            if (before.isEmpty() || !sameForwarding(before.get(), after.get())) {
                deliver(event(BestRouteEvent.Kind.ADD, after.get()));
            }
        } else if (before.isPresent()) {
            deliver(event(BestRouteEvent.Kind.WITHDRAW, before.get()));
        }
    }

    /** A failing listener must not take the session whose UPDATE caused the event down with it. */
    private void deliver(BestRouteEvent e) {
        try {
            listener.onBestRouteChange(e);
        } catch (RuntimeException ex) {
            LOG.atError().addKeyValue("prefix", e.prefix()).setCause(ex).log("best-route listener failed");
        }
    }

    private static boolean sameForwarding(Route a, Route b) {
        return a.attributes().nextHop().equals(b.attributes().nextHop())
                && a.source().sameOrigin(b.source());
    }

    private static BestRouteEvent event(BestRouteEvent.Kind kind, Route r) {
        RouteSource.Peer from = (RouteSource.Peer) r.source();
        return new BestRouteEvent(kind, r.prefix(), r.attributes().nextHop(), from.address());
    }
}
