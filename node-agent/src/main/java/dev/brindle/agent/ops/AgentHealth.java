package dev.brindle.agent.ops;

import dev.brindle.agent.dataplane.DataplaneAgent;
import dev.brindle.agent.dataplane.DataplaneStatus;
import dev.brindle.agent.routing.RoutingAgent;
import dev.brindle.bgp.session.SessionState;
import dev.brindle.bgp.speaker.PeerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Liveness and readiness of the node agent (calico-facts §4.10, §7.3). Ready: the datastore is in sync, the kernel
 * was reconciled without refusals or problems (an IPIP pool on a kernel without ipip is one), and every BGP session
 * is Established. Live: the dataplane keeps making passes (or has not synced yet).
 */
public final class AgentHealth {
    private final DataplaneAgent dataplane;
    private final Optional<RoutingAgent> routing;
    private final Duration stallLimit;

    /** @param stallLimit how long without a pass counts as hung (a few resync intervals) */
    public AgentHealth(DataplaneAgent dataplane, Optional<RoutingAgent> routing, Duration stallLimit) {
        this.dataplane = dataplane;
        this.routing = routing;
        this.stallLimit = stallLimit;
    }

    public Readiness readiness() {
        DataplaneStatus s = dataplane.status();
        List<String> reasons = new ArrayList<>();
        if (!s.datastoreSynced()) {
            reasons.add("datastore not in sync yet");
        } else if (!s.reconciled() && s.problems().isEmpty()) {
            reasons.add("kernel not reconciled yet");
        }
        reasons.addAll(s.problems());
        routing.ifPresent(r -> {
            for (PeerStatus p : r.peerStatus()) {
                if (p.state() != SessionState.ESTABLISHED) {
                    reasons.add("BGP not established with " + p.address().getHostAddress() + " ("
                            + p.state().displayName()
                            + (p.lastError() == null || p.lastError().isEmpty() ? "" : ": " + p.lastError()) + ")");
                }
            }
        });
        return Readiness.of(reasons);
    }

    public boolean live() {
        DataplaneStatus s = dataplane.status();
        return !s.datastoreSynced() || s.lastReconcile().plus(stallLimit).isAfter(Instant.now());
    }
}
