package dev.brindle.agent.routing;

import dev.brindle.bgp.speaker.BestRouteEvent;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** The speaker's current best route per prefix (learned from peers), folded from its add/withdraw events. */
final class BestRoutes {
    private final Map<IpPrefix, InetAddress> best = new HashMap<>();

    synchronized void apply(BestRouteEvent e) {
        switch (e.kind()) {
            case ADD -> best.put(e.prefix(), e.nextHop());
            case WITHDRAW -> best.remove(e.prefix());
        }
    }

    synchronized Map<IpPrefix, InetAddress> snapshot() {
        return Map.copyOf(best);
    }

    synchronized int size() {
        return best.size();
    }
}
