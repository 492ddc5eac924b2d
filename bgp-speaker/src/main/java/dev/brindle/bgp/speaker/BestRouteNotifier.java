package dev.brindle.bgp.speaker;

import dev.brindle.bgp.rib.BestChange;
import dev.brindle.bgp.rib.Route;
import dev.brindle.bgp.rib.RouteSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the agent about best-route changes of learned routes: its own announcements never echo back, and a change
 * that keeps the next hop and the origin (a stale route re-announced, a refresh) is not an event.
 */
final class BestRouteNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(BestRouteNotifier.class);

    private final BestRouteListener listener;

    BestRouteNotifier(BestRouteListener listener) {
        this.listener = listener;
    }

    void changed(BestChange c) {
        var before = c.previous().filter(r -> r.source() instanceof RouteSource.Peer);
        var after = c.current().filter(r -> r.source() instanceof RouteSource.Peer);
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
