package dev.brindle.agent.ops;

import dev.brindle.agent.dataplane.DataplaneAgent;
import dev.brindle.agent.dataplane.DataplaneStatus;
import dev.brindle.agent.dataplane.RouteKind;
import dev.brindle.agent.routing.RoutingAgent;
import dev.brindle.bgp.session.SessionState;
import dev.brindle.bgp.speaker.PeerStatus;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.Kind;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The agent's Prometheus metrics, read from its components at scrape time: reconcile passes, errors and duration,
 * routes by kind, BGP session states and prefixes per peer, and this node's IPAM usage.
 */
public final class AgentMetrics {
    private AgentMetrics() {}

    public static PrometheusRegistry register(
            DataplaneAgent dataplane, Optional<RoutingAgent> routing, Datastore datastore, String nodeName) {
        PrometheusRegistry r = new PrometheusRegistry();
        CounterWithCallback.builder()
                .name("brindle_reconciles_total")
                .help("Dataplane reconciliation passes")
                .callback(c -> c.call(dataplane.status().reconciles()))
                .register(r);
        CounterWithCallback.builder()
                .name("brindle_reconcile_errors_total")
                .help("Reconciliation passes that met a kernel refusal")
                .callback(c -> c.call(dataplane.status().reconcileErrors()))
                .register(r);
        GaugeWithCallback.builder()
                .name("brindle_reconcile_duration_seconds")
                .help("Duration of the last reconciliation pass")
                .callback(c -> c.call(dataplane.status().lastDuration().toNanos() / 1e9))
                .register(r);
        GaugeWithCallback.builder()
                .name("brindle_routes")
                .help("Routes brindle programs, by kind")
                .labelNames("kind")
                .callback(c -> {
                    DataplaneStatus s = dataplane.status();
                    for (RouteKind k : RouteKind.values()) {
                        c.call(s.routes().getOrDefault(k, 0L), k.label());
                    }
                })
                .register(r);
        routing.ifPresent(rt -> registerBgp(r, rt));
        registerIpam(r, datastore, nodeName);
        return r;
    }

    private static void registerBgp(PrometheusRegistry r, RoutingAgent routing) {
        GaugeWithCallback.builder()
                .name("brindle_bgp_session_state")
                .help("1 for the state each BGP session is in")
                .labelNames("peer", "state")
                .callback(c -> {
                    for (PeerStatus p : routing.peerStatus()) {
                        for (SessionState st : SessionState.values()) {
                            c.call(p.state() == st ? 1 : 0, p.address().getHostAddress(), st.displayName());
                        }
                    }
                })
                .register(r);
        GaugeWithCallback.builder()
                .name("brindle_bgp_prefixes")
                .help("Prefixes received from and advertised to each peer")
                .labelNames("peer", "direction")
                .callback(c -> {
                    for (PeerStatus p : routing.peerStatus()) {
                        c.call(p.prefixesReceived(), p.address().getHostAddress(), "received");
                        c.call(p.prefixesAdvertised(), p.address().getHostAddress(), "advertised");
                    }
                })
                .register(r);
    }

    private static void registerIpam(PrometheusRegistry r, Datastore datastore, String nodeName) {
        GaugeWithCallback.builder()
                .name("brindle_ipam_blocks")
                .help("IPAM blocks affine to this node")
                .callback(c -> c.call(myBlocks(datastore, nodeName).size()))
                .register(r);
        GaugeWithCallback.builder()
                .name("brindle_ipam_addresses")
                .help("Addresses in this node's blocks, by state")
                .labelNames("state")
                .callback(c -> {
                    List<IPAMBlock> blocks = myBlocks(datastore, nodeName);
                    long free =
                            blocks.stream().mapToLong(b -> b.spec().freeCount()).sum();
                    long size = blocks.stream().mapToLong(b -> b.spec().size()).sum();
                    c.call(size - free, "used");
                    c.call(free, "free");
                })
                .register(r);
    }

    private static List<IPAMBlock> myBlocks(Datastore datastore, String nodeName) {
        return datastore.list(Kind.IPAM_BLOCK).stream()
                .filter(b -> b.spec().affineNode().map(nodeName::equals).orElse(false))
                .toList();
    }
}
