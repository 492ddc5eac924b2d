package dev.brindle.agent;

import dev.brindle.agent.dataplane.VtepMac;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.kubernetes.KubernetesDatastore;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.GarbageCollector;
import dev.brindle.ipam.Liveness;
import dev.brindle.ipam.TunnelAddresses;
import dev.brindle.ipam.WatchedIpamStore;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first brindle-node: registers the node, keeps its IPAM state warm (watched, {@link WatchedIpamStore}),
 * allocates its tunnel addresses, serves IPAM on {@code
 * <run-dir>/agent.sock}, and garbage-collects the node's IPAM state every {@code --ipam-gc-interval}. A pool change
 * (seen through a watch) re-evaluates the tunnel addresses at once.
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeAgent.class);
    /** In the run dir: the agent's --datastore, for brindlectl's default. */
    public static final String DATASTORE_FILE = "datastore";

    private final Datastore ds;
    private final String node;
    private final AgentSocketServer server;
    private final ScheduledExecutorService timer;
    private final Watch poolWatch;
    private final WatchedIpamStore store;

    private NodeAgent(
            Datastore ds,
            WatchedIpamStore store,
            String node,
            AgentSocketServer server,
            ScheduledExecutorService timer,
            Watch w) {
        this.ds = ds;
        this.store = store;
        this.node = node;
        this.server = server;
        this.timer = timer;
        this.poolWatch = w;
    }

    /** Runs until SIGTERM/SIGINT; returns 1 when the agent could not start. */
    static int runUntilSignalled(AgentOptions options, BgpStatusSource bgp) {
        NodeAgent agent;
        try {
            agent = start(options, bgp);
        } catch (Exception e) {
            log.error("brindle-node could not start: {}", e.getMessage(), e);
            return 1;
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "shutdown"));
        try {
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    public static NodeAgent start(AgentOptions o) throws Exception {
        return start(o, BgpStatusSource.NONE);
    }

    public static NodeAgent start(AgentOptions o, BgpStatusSource bgp) throws Exception {
        String node = o.nodeName();
        AddressWithPrefix address = AddressDetection.detect(o.ip);
        KubernetesDatastore kubernetes =
                o.datastore.equals("kubernetes") ? KubernetesDatastore.connect(o.kubeconfig) : null;
        Datastore ds = kubernetes != null ? Datastores.of(kubernetes) : Datastores.open(o.datastore, o.kubeconfig);
        NodeRecord record = new NodeRecord(ds, node);
        record.register(address, o.asNumber);
        log.atInfo()
                .addKeyValue("node", node)
                .log("node {} registered in {} with address {}", node, ds.describe(), address);

        Clock clock = Clock.systemUTC();
        WatchedIpamStore store = WatchedIpamStore.start(ds, Duration.ofSeconds(60));
        Allocator allocator = new Allocator(store, clock);
        GarbageCollector gc =
                new GarbageCollector(store, allocator, clock, o.leakGrace, liveness(ds, kubernetes, node));
        TunnelAddresses tunnels = new TunnelAddresses(allocator, store);
        PodMtu mtu = new PodMtu(address, store);
        var service = new IpamService(
                node, allocator, gc, () -> new IpamService.AgentStatus(true, "", mtu.get()), record, clock);
        Runnable refreshTunnels = () -> service.exclusive(() -> refreshTunnels(record, tunnels));
        refreshTunnels.run();
        // brindlectl without --datastore uses the local agent's (CONTRACT.md): it reads this file. Written before the
        // socket appears, so whoever sees the socket also finds the file.
        java.nio.file.Files.createDirectories(o.runDir);
        java.nio.file.Files.writeString(o.runDir.resolve(DATASTORE_FILE), o.datastore + "\n");
        var cni = new HostedCniOp(service, mtu::get);
        AgentSocketServer server =
                AgentSocketServer.start(o.runDir.resolve("agent.sock"), request -> switch (request.path("op")
                        .asText()) {
                    case "nodeStatus" -> NodeStatusAnswer.of(node, bgp, ZoneId.systemDefault(), clock.instant());
                    case "cni" -> cni.answer(request);
                    default -> service.handle(request);
                });

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ipam-gc");
            t.setDaemon(true);
            return t;
        });
        NodeHeartbeat.start(record, timer, clock);
        long every = o.gcInterval.toMillis();
        NodeGc nodeGc = new NodeGc(gc, allocator, record, node);
        timer.scheduleWithFixedDelay(
                () -> service.exclusive(() -> runGc(nodeGc, node)), every, every, TimeUnit.MILLISECONDS);
        Watch w = ds.watch(Kind.IPPOOL, 0, e -> {
            if (!(e instanceof WatchEvent.Synced<?>)) {
                timer.execute(() -> {
                    PoolCatchUp.await(store, e);
                    refreshTunnels.run();
                });
            }
        });
        return new NodeAgent(ds, store, node, server, timer, w);
    }

    /**
     * What GC takes for live: with the kubernetes datastore the pods the API server has on this node (a pod deleted
     * while the node was down never got its CNI DEL, so only the API knows it is gone), the node's attachment record
     * and WorkloadEndpoints for allocations that name no pod, and in file mode for all.
     */
    static Supplier<Liveness> liveness(Datastore ds, KubernetesDatastore kubernetes, String node) {
        AttachmentLiveness attachments = new AttachmentLiveness(ds, node);
        return kubernetes == null
                ? attachments
                : new PodLiveness(new ApiNodePods(kubernetes.client(), node), attachments);
    }

    private static void refreshTunnels(NodeRecord record, TunnelAddresses tunnels) {
        try {
            InetAddress ipip =
                    tunnels.ensure(record.name(), TunnelAddresses.Kind.IPIP).orElse(null);
            InetAddress vxlan =
                    tunnels.ensure(record.name(), TunnelAddresses.Kind.VXLAN).orElse(null);
            record.tunnels(ipip, vxlan, VtepMac.of(record.name()));
        } catch (RuntimeException e) {
            log.warn("could not update tunnel addresses of {}: {}", record.name(), e.getMessage());
        }
    }

    private static void runGc(NodeGc gc, String node) {
        try {
            GarbageCollector.Report r = gc.run();
            if (!r.releasedAddresses().isEmpty() || !r.releasedBlocks().isEmpty() || r.repairs() > 0) {
                log.atInfo()
                        .addKeyValue("node", node)
                        .log(
                                "IPAM GC on {}: released {} addresses, {} blocks, {} repairs",
                                node,
                                r.releasedAddresses().size(),
                                r.releasedBlocks().size(),
                                r.repairs());
            }
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("node", node).log("IPAM GC on {} failed: {}", node, e.getMessage());
        }
    }

    public Path socket() {
        return server.path();
    }

    @Override
    public void close() {
        log.info("brindle-node {} shutting down", node);
        poolWatch.close();
        timer.shutdownNow();
        store.close();
        try {
            server.close();
        } catch (java.io.IOException e) {
            log.warn("closing {}: {}", server.path(), e.toString());
        }
        ds.close();
    }
}
