package dev.brindle.bgp.speaker;

import dev.brindle.bgp.rib.BestChange;
import dev.brindle.bgp.rib.LocRib;
import dev.brindle.bgp.rib.PathAttributes;
import dev.brindle.bgp.rib.Route;
import dev.brindle.bgp.rib.RouteSource;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.DownCause;
import dev.brindle.bgp.session.EstablishedSession;
import dev.brindle.bgp.session.GracefulRestartCapability;
import dev.brindle.bgp.session.RouteRefresh;
import dev.brindle.bgp.session.TimerService;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves routes between the RIBs: peers' UPDATEs into their Adj-RIB-In and the Loc-RIB, best-route changes out to
 * every Established peer's Adj-RIB-Out and to the agent's listener, graceful restart (RFC 4724) on both sides and
 * enhanced route refresh (RFC 7313). IPv4 and IPv6 unicast, each sent only to peers that negotiated it (RFC 4760).
 * No I/O of its own: the {@link Exporter} sends through each session's connection. Runs on the event loop.
 *
 * <p>Complicating factors:
 *
 * <ul>
 *   <li>A peer that drops without a NOTIFICATION keeps its routes as stale for its announced restart time; they
 *       must stay best (no flap towards the agent) and be replaced in place when re-announced, and whatever is
 *       still stale at its End-of-RIB or when the timer runs out is removed. Enhanced route refresh marks and
 *       purges the same way between a peer's Begin- and End-of-RIB.
 *   <li>After our own restart, selection results (exports, agent events) wait for the {@link SelectionDeferral}.
 *   <li>Changes are batched per peer and flushed once per event, so one UPDATE with 800 prefixes makes one UPDATE
 *       per attribute set, not 800.
 * </ul>
 */
final class RouteExchange {
    private static final Logger LOG = LoggerFactory.getLogger(RouteExchange.class);

    private final SpeakerConfig config;
    private final TimerService timers;
    private final BestRouteNotifier notifier;
    private final LocRib loc = new LocRib();
    private final Map<IpPrefix, Optional<InetAddress>> announced = new HashMap<>();
    private final Map<InetAddress, PeerContext> peers = new LinkedHashMap<>();
    private final SelectionDeferral deferral;
    private final Exporter exporter;

    RouteExchange(SpeakerConfig config, TimerService timers, BestRouteListener listener) {
        this.config = config;
        this.timers = timers;
        this.notifier = new BestRouteNotifier(listener);
        this.deferral = new SelectionDeferral(config, timers, peers::values, this::deferralEnded);
        this.exporter = new Exporter(config, loc, announced, peers.values());
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
        exporter.flush();
        deferral.check();
    }

    /** The Loc-RIB, which also holds every peer's Adj-RIB-In ({@link dev.brindle.bgp.rib.AdjRibIn}). */
    LocRib locRib() {
        return loc;
    }

    /** True while a restarting speaker still waits for its peers before selecting and sending (RFC 4724 §4.1). */
    boolean deferring() {
        return deferral.active();
    }

    // ---------------------------------------------------------------- the agent's side

    void announce(IpPrefix prefix, Optional<InetAddress> nextHop) {
        announced.put(prefix, nextHop);
        Route r = new Route(
                prefix, PathAttributes.originated(nextHop.orElse(config.routerId())), RouteSource.LOCAL, false);
        apply(loc.put(r));
        exporter.flush();
    }

    void withdraw(IpPrefix prefix) {
        if (announced.remove(prefix) != null) {
            apply(loc.remove(prefix, RouteSource.LOCAL));
            exporter.flush();
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
        peer.endOfRib.clear();
        peer.refreshing.clear();
        peer.source = new RouteSource.Peer(
                peer.config.address(),
                peer.config.remoteAs(),
                session.peer().bgpIdentifier(),
                peer.config.remoteAs() == config.asNumber(),
                peer.config.reflectorClient());
        peer.peerRestart = session.peer().gracefulRestart();
        // RFC 4724 §4.2: stale routes of a family the peer came back without preserving are gone.
        Optional<GracefulRestartCapability> gr = peer.peerRestart;
        removeRoutes(staleOf(
                peer, r -> gr.map(c -> !c.preserves(r.prefix().family())).orElse(true)));
        if (!peer.in.hasStale()) {
            peer.staleTimer.cancel();
        }
        if (!deferral.active()) {
            exporter.table(peer);
        }
        exporter.flush();
        deferral.check();
    }

    void down(PeerContext peer, DownCause cause) {
        peer.session = Optional.empty();
        peer.endOfRib.clear();
        peer.refreshing.clear();
        peer.out.clear();
        // RFC 4724 §4.2: retain a family's routes when the peer listed it in its capability; the F bit only
        // matters in the OPEN it sends when it comes back.
        Optional<GracefulRestartCapability> gr =
                cause == DownCause.CONNECTION_LOST ? peer.peerRestart : Optional.empty();
        Map<Boolean, List<Route>> byKept = peer.in.routes().stream()
                .collect(Collectors.partitioningBy(
                        r -> gr.map(c -> c.lists(r.prefix().family())).orElse(false)));
        List<Route> kept = byKept.get(true);
        removeRoutes(byKept.get(false));
        peer.staleTimer.cancel();
        if (!kept.isEmpty()) {
            int seconds = gr.orElseThrow().restartTimeSeconds();
            LOG.atInfo()
                    .addKeyValue("peer", peer.config.address())
                    .log("graceful restart: keeping {} routes stale for {} s", kept.size(), seconds);
            kept.forEach(r -> apply(loc.put(r.asStale())));
            peer.staleTimer = timers.schedule(Duration.ofSeconds(seconds), () -> flushStale(peer, r -> true));
        }
        exporter.flush();
        deferral.check();
    }

    void updateReceived(PeerContext peer, RouteUpdate update) {
        if (update.isEndOfRib()) {
            endOfRib(peer, update.family());
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
        exporter.flush();
    }

    /**
     * A ROUTE-REFRESH from the peer. A request (RFC 2918 §4) re-sends the family's Adj-RIB-Out, bracketed by
     * Begin- and End-of-RIB when both sides announced enhanced route refresh (RFC 7313 §4), so the peer can purge
     * what we no longer send. The peer's own Begin-of-RIB marks its routes of the family stale, its End-of-RIB
     * purges those it did not re-send.
     */
    void routeRefreshReceived(PeerContext peer, IpFamily family, RouteRefresh kind) {
        if (peer.session.isEmpty() || !peer.session.get().carries(family)) {
            return;
        }
        EstablishedSession session = peer.session.get();
        switch (kind) {
            case REQUEST -> {
                if (!deferral.active()) {
                    exporter.refresh(peer, session, family);
                }
            }
            case BEGIN -> {
                // RFC 7313 §4: a Begin-of-RIB (again) marks everything of the family the peer has sent stale.
                if (session.enhancedRouteRefresh()) {
                    peer.refreshing.add(family);
                    peer.in.routes().stream()
                            .filter(r -> r.prefix().family() == family && !r.stale())
                            .forEach(r -> apply(loc.put(r.asStale())));
                }
            }
            case END -> {
                // RFC 7313 §4: an End-of-RIB without a Begin is ignored (stale routes of a graceful restart wait
                // for the peer's End-of-RIB marker instead).
                if (peer.refreshing.remove(family)) {
                    flushStale(peer, r -> r.prefix().family() == family);
                }
            }
        }
    }

    // ---------------------------------------------------------------- internals

    /** RFC 4724 §4.1: selection is over; the agent hears every learned best route, each peer gets our table. */
    private void deferralEnded() {
        for (Route best : loc.bestRoutes()) {
            notifier.changed(new BestChange(best.prefix(), Optional.empty(), Optional.of(best)));
        }
        for (PeerContext peer : peers.values()) {
            if (peer.session.isPresent()) {
                exporter.table(peer);
            }
        }
    }

    private void importRoute(PeerContext peer, IpPrefix prefix, Optional<PathAttributes> checked) {
        Optional<PathAttributes> accepted = checked.flatMap(a -> peer.importPolicy.apply(peer.source, prefix, a));
        if (accepted.isEmpty()) {
            apply(loc.remove(prefix, peer.source));
            return;
        }
        apply(loc.put(new Route(prefix, accepted.get(), peer.source, false)));
    }

    private void endOfRib(PeerContext peer, IpFamily family) {
        peer.endOfRib.add(family);
        flushStale(peer, r -> r.prefix().family() == family);
        if (!peer.in.hasStale()) {
            peer.staleTimer.cancel();
        }
        deferral.check();
    }

    private void flushStale(PeerContext peer, Predicate<Route> which) {
        List<Route> stale = staleOf(peer, which);
        if (!stale.isEmpty()) {
            LOG.atInfo().addKeyValue("peer", peer.config.address()).log("{} stale routes flushed", stale.size());
        }
        removeRoutes(stale);
        exporter.flush();
    }

    private static List<Route> staleOf(PeerContext peer, Predicate<Route> which) {
        return peer.in.staleRoutes().stream().filter(which).toList();
    }

    private void removeRoutes(List<Route> routes) {
        for (Route r : routes) {
            apply(loc.remove(r.prefix(), r.source()));
        }
    }

    private void apply(Optional<BestChange> change) {
        if (change.isEmpty() || deferral.active()) {
            return;
        }
        BestChange c = change.get();
        exporter.toAll(c.prefix(), c.current());
        notifier.changed(c);
    }
}
