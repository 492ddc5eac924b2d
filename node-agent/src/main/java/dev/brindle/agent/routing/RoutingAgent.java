package dev.brindle.agent.routing;

import dev.brindle.agent.dataplane.DataplaneAgent;
import dev.brindle.agent.dataplane.DesiredState;
import dev.brindle.agent.dataplane.KindCache;
import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.bgp.session.SessionState;
import dev.brindle.bgp.speaker.BgpSpeaker;
import dev.brindle.bgp.speaker.PeerStatus;
import dev.brindle.bgp.speaker.SpeakerConfig;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.resource.BGPConfiguration;
import dev.brindle.datastore.resource.BGPPeer;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the BGP speaker between the datastore and the dataplane: peers follow the {@link PeerPlan} (full mesh from
 * the node list, BGPConfiguration, BGPPeers), this node's blocks are announced with its own address as next hop
 * (the dataplane's {@link DesiredState#announcements()}), and learned best routes go to the dataplane, which turns
 * them into kernel routes with the device the pool's mode asks for. All speaker calls run on one "routing" thread.
 *
 * <p>Restart without dropping traffic: {@link #close()} stops the speaker without NOTIFICATIONs, so peers that do
 * graceful restart keep our routes (RFC 4724 §4.2); on start the dataplane keeps the kernel routes of the previous
 * run until every peer is back (or {@link RoutingConfig#convergenceTimeout()} passed).
 */
public final class RoutingAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoutingAgent.class);

    private final Datastore datastore;
    private final DataplaneAgent dataplane;
    private final String nodeName;
    private final Inet4Address address;
    private final RoutingConfig config;
    private final ScheduledExecutorService thread;
    private final KindCache<Node> nodes;
    private final KindCache<BGPConfiguration> configurations;
    private final KindCache<BGPPeer> peers;
    private final BestRoutes best = new BestRoutes();
    private final Map<InetAddress, PeerStatus> statuses = new ConcurrentHashMap<>();
    private final Set<InetAddress> everSynced = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pushPending = new AtomicBoolean();
    private final Set<IpPrefix> announced = new HashSet<>();
    private final Instant started = Instant.now();
    private volatile BgpSpeaker speaker;
    private volatile PeerPlan plan;

    public RoutingAgent(
            Datastore datastore,
            DataplaneAgent dataplane,
            String nodeName,
            AddressWithPrefix address,
            RoutingConfig config) {
        if (!(address.address() instanceof Inet4Address v4)) {
            throw new IllegalArgumentException("BGP needs an IPv4 node address as router ID, got " + address);
        }
        this.datastore = datastore;
        this.dataplane = dataplane;
        this.nodeName = nodeName;
        this.address = v4;
        this.config = config;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "routing");
            t.setDaemon(true);
            return t;
        });
        Runnable replan = () -> onRoutingThread(this::replan);
        this.nodes = new KindCache<>(Kind.NODE, replan);
        this.configurations = new KindCache<>(Kind.BGP_CONFIGURATION, replan);
        this.peers = new KindCache<>(Kind.BGP_PEER, replan);
    }

    public void start() {
        dataplane.addListener(d -> onRoutingThread(() -> announce(d.announcements())));
        nodes.start(datastore);
        configurations.start(datastore);
        peers.start(datastore);
        long timeout = config.convergenceTimeout().toMillis();
        thread.schedule(this::pushRoutes, timeout, TimeUnit.MILLISECONDS);
    }

    private void onRoutingThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("routing stopped; dropping a late update");
        }
    }

    /** One row per configured peer, for readiness, metrics and {@code brindlectl node status}. */
    public List<PeerStatus> peerStatus() {
        BgpSpeaker s = speaker;
        return s == null ? List.of() : s.peerStatus();
    }

    /**
     * What {@code calicoctl node status} calls the peer type: {@code node-to-node mesh} for another node's address,
     * {@code node specific} for a BGPPeer bound to this node by name or selector, {@code global} otherwise.
     */
    public String peerType(java.net.InetAddress address) {
        boolean meshNode = nodes.list().stream()
                .anyMatch(n -> !n.name().equals(nodeName)
                        && n.spec().ipv4Address() != null
                        && n.spec().ipv4Address().address().equals(address));
        if (meshNode) {
            return "node-to-node mesh";
        }
        boolean nodeSpecific = peers.list().stream()
                .map(BGPPeer::spec)
                .anyMatch(sp -> sp.peerIP() != null
                        && sp.endpoint().address().equals(address)
                        && (sp.node() != null || sp.nodeSelector() != null));
        return nodeSpecific ? "node specific" : "global";
    }

    /** The AS this node speaks, once planned. */
    public long localAs() {
        PeerPlan p = plan;
        return p == null ? SpeakerConfig.DEFAULT_AS : p.localAs();
    }

    /** Every configured peer has an Established session. */
    public boolean sessionsUp() {
        PeerPlan p = plan;
        return p != null
                && p.peers().keySet().stream()
                        .allMatch(a -> Optional.ofNullable(statuses.get(a))
                                .map(s -> s.state() == SessionState.ESTABLISHED)
                                .orElse(false));
    }

    private void replan() {
        if (!(nodes.synced() && configurations.synced() && peers.synced())) {
            return;
        }
        PeerPlan next = PeerPlan.compute(
                nodeName, nodes.list(), configurations.get(PeerPlan.GLOBAL_CONFIGURATION), peers.list());
        if (speaker == null || next.localAs() != plan.localAs() || next.port() != plan.port()) {
            restartSpeaker(next);
        }
        Map<InetAddress, PeerConfig> current = plan == null ? Map.of() : plan.peers();
        for (var e : current.entrySet()) {
            if (!e.getValue().equals(next.peers().get(e.getKey()))) {
                speaker.removePeer(e.getKey());
                statuses.remove(e.getKey());
            }
        }
        for (var e : next.peers().entrySet()) {
            if (!e.getValue().equals(current.get(e.getKey()))) {
                log.atInfo()
                        .addKeyValue("peer", e.getKey().getHostAddress())
                        .log(
                                "BGP peer {} (AS {}, {})",
                                e.getKey().getHostAddress(),
                                e.getValue().remoteAs(),
                                e.getValue().passive() ? "passive" : "active");
                speaker.addPeer(e.getValue());
            }
        }
        plan = next;
        pushRoutes();
    }

    private void restartSpeaker(PeerPlan next) {
        if (speaker != null) {
            log.info("AS or port changed ({} → {}): restarting the BGP speaker", plan.localAs(), next.localAs());
            speaker.closeForRestart();
            statuses.clear();
        }
        SpeakerConfig sc = SpeakerConfig.of(next.localAs(), address)
                .withListen(Optional.of(address), next.port())
                .withGracefulRestart(config.gracefulRestartSeconds());
        try {
            speaker = BgpSpeaker.start(sc, this::onBestRoute, this::onPeerStatus);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the BGP speaker", e);
        }
        plan = new PeerPlan(next.localAs(), next.port(), Map.of());
        Set<IpPrefix> again = new HashSet<>(announced);
        announced.clear();
        announce(again);
    }

    private void announce(java.util.Collection<IpPrefix> wanted) {
        if (speaker == null) {
            announced.clear();
            announced.addAll(wanted);
            return;
        }
        Set<IpPrefix> want = new HashSet<>(wanted);
        for (IpPrefix p : Set.copyOf(announced)) {
            if (!want.contains(p)) {
                speaker.withdraw(p);
                announced.remove(p);
            }
        }
        for (IpPrefix p : want) {
            if (announced.add(p)) {
                speaker.announce(p, address);
            }
        }
    }

    private void onBestRoute(dev.brindle.bgp.speaker.BestRouteEvent e) {
        best.apply(e);
        schedulePush();
    }

    private void onPeerStatus(PeerStatus s) {
        statuses.put(s.address(), s);
        if (s.state() == SessionState.ESTABLISHED && s.endOfRibReceived()) {
            everSynced.add(s.address());
        }
        schedulePush();
    }

    private void schedulePush() {
        // Called on the speaker's loop: hand over, coalescing bursts (an UPDATE with 800 prefixes is 800 events).
        if (pushPending.compareAndSet(false, true)) {
            thread.schedule(this::pushRoutes, 5, TimeUnit.MILLISECONDS);
        }
    }

    private void pushRoutes() {
        pushPending.set(false);
        dataplane.setBgpRoutes(best.snapshot(), converged());
    }

    /**
     * Every peer has sent its End-of-RIB at least once since start (RFC 4724 §4.1: a restarting speaker defers its
     * decisions until then — "Established" alone would let the dataplane delete a route the peer is about to
     * re-send), or the convergence timeout passed.
     */
    private boolean converged() {
        PeerPlan p = plan;
        boolean allBack = p != null && everSynced.containsAll(p.peers().keySet());
        return allBack || Instant.now().isAfter(started.plus(config.convergenceTimeout()));
    }

    /** Stops without NOTIFICATIONs so peers keep our routes while we restart (RFC 4724). */
    @Override
    public void close() {
        nodes.close();
        configurations.close();
        peers.close();
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (speaker != null) {
            speaker.closeForRestart();
        }
        log.info(
                "BGP of {} stopped for restart; peers keep our routes for {} s",
                nodeName,
                config.gracefulRestartSeconds());
    }

    int learnedRoutes() {
        return best.size();
    }

    Map<InetAddress, PeerConfig> plannedPeers() {
        PeerPlan p = plan;
        return p == null ? Map.of() : new HashMap<>(p.peers());
    }
}
