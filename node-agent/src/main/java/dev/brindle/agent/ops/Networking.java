package dev.brindle.agent.ops;

import dev.brindle.agent.AddressDetection;
import dev.brindle.agent.BgpStatusSource;
import dev.brindle.agent.dataplane.DataplaneAgent;
import dev.brindle.agent.dataplane.DataplaneConfig;
import dev.brindle.agent.dataplane.ProtocolName;
import dev.brindle.agent.dataplane.RouteSource;
import dev.brindle.agent.routing.RoutingAgent;
import dev.brindle.agent.routing.RoutingConfig;
import dev.brindle.bgp.speaker.PeerStatus;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.rt.RtNetlink;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networking half of {@code brindle-node}: the dataplane (routes, tunnels, NAT), the BGP wiring and the health
 * and metrics endpoints, started together and stopped in reverse order. Stopping leaves the kernel as it is and ends
 * BGP without NOTIFICATION, so a restart drops no traffic.
 *
 * <p>{@code Main} starts it with {@link #start}; everything else of the agent (registration, IPAM) runs beside it on
 * the same datastore.
 */
public final class Networking implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Networking.class);

    private final List<AutoCloseable> parts;
    private final BgpStatusSource bgpStatus;

    private Networking(List<AutoCloseable> parts, BgpStatusSource bgpStatus) {
        this.parts = parts;
        this.bgpStatus = bgpStatus;
    }

    /** The BGP sessions for {@code brindlectl node status}; none when networking or BGP is off. */
    public BgpStatusSource bgpStatus() {
        return bgpStatus;
    }

    /**
     * @param ipMethod {@code --ip}: address/prefix or an autodetection method
     * @param datastoreSpec {@code --datastore}
     */
    public static Networking start(
            String nodeName, String datastoreSpec, Path kubeconfig, String ipMethod, NetworkingOptions flags)
            throws IOException {
        AddressWithPrefix address = AddressDetection.detect(ipMethod);
        if (address.address().isLoopbackAddress()) {
            // No underlay to route pods over: a node on loopback (IPAM-only test setups) keeps its hands off the
            // kernel, BGP and the health/metrics ports.
            log.warn(
                    "node address {} is a loopback address: routes, tunnels, BGP and health endpoints are off;"
                            + " give --ip the node's underlay address to enable them",
                    address);
            return new Networking(List.of(), BgpStatusSource.NONE);
        }
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            Datastore datastore = Datastores.open(datastoreSpec, kubeconfig);
            parts.add(datastore);
            Netlink netlink = RtNetlink.open();
            parts.add(netlink);
            nameProtocol();
            RouteSource source = flags.bgp ? RouteSource.BGP : RouteSource.DATASTORE;
            DataplaneConfig config =
                    DataplaneConfig.defaults().withRouteSource(source).withResyncInterval(flags.resyncInterval);
            DataplaneAgent dataplane = new DataplaneAgent(datastore, netlink, nodeName, address, config);
            Optional<RoutingAgent> routing = flags.bgp
                    ? Optional.of(new RoutingAgent(datastore, dataplane, nodeName, address, RoutingConfig.defaults()))
                    : Optional.empty();
            dataplane.start();
            parts.add(dataplane);
            routing.ifPresent(r -> {
                r.start();
                parts.add(r);
            });
            AgentHealth health = new AgentHealth(dataplane, routing, flags.resyncInterval.multipliedBy(3));
            parts.add(OpsEndpoints.start(
                    flags.healthListen,
                    flags.metricsListen,
                    health,
                    AgentMetrics.register(dataplane, routing, datastore, nodeName)));
            log.info(
                    "networking of {} at {}: routes from {}, health on {}, metrics on {}",
                    nodeName,
                    address,
                    source,
                    flags.healthListen,
                    flags.metricsListen);
            return new Networking(
                    parts, routing.<BgpStatusSource>map(RoutingStatus::new).orElse(BgpStatusSource.NONE));
        } catch (IOException | RuntimeException e) {
            new Networking(parts, BgpStatusSource.NONE).close();
            throw e;
        }
    }

    /** The routing agent seen as a {@link BgpStatusSource}. */
    private record RoutingStatus(RoutingAgent routing) implements BgpStatusSource {
        @Override
        public List<PeerStatus> peers() {
            return routing.peerStatus();
        }

        @Override
        public String peerType(InetAddress address) {
            return routing.peerType(address);
        }

        @Override
        public long localAs() {
            return routing.localAs();
        }
    }

    private static void nameProtocol() {
        try {
            ProtocolName.install(ProtocolName.DEFAULT_DIR);
        } catch (IOException e) {
            log.warn("cannot name route protocol 98 in {}: {}", ProtocolName.DEFAULT_DIR, e.getMessage());
        }
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {}: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
