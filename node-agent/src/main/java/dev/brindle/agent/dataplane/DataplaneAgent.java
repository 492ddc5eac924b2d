package dev.brindle.agent.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.NetlinkEvent;
import dev.brindle.netlink.NetlinkGroup;
import dev.brindle.netlink.RouteProtocol;
import dev.brindle.netlink.Subscription;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's dataplane: watches the datastore, computes the {@link DesiredState} and reconciles the kernel, on one
 * thread, after turning IPv4 forwarding on. A pass runs (coalesced) after every datastore change once all watches are in sync, after kernel
 * notifications that can mean our state was disturbed (one of our routes deleted, our devices or the underlay
 * changed, lost notifications), after {@link #setBgpRoutes}, {@link DataplaneConfig#retryDelay()} after a refusal,
 * and as a full resync every {@link DataplaneConfig#resyncInterval()}. Nothing touches the kernel before the
 * datastore is in sync; on start the kernel's state is adopted, not flushed.
 *
 * <p>Use: {@code new DataplaneAgent(datastore, netlink, nodeName, address, DataplaneConfig.defaults()).start()}, and
 * {@link #close()} on shutdown (kernel state is left in place so traffic keeps flowing across a restart).
 */
public final class DataplaneAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DataplaneAgent.class);
    private static final long COALESCE_MILLIS = 5;

    private final Netlink netlink;
    private final String nodeName;
    private final AddressWithPrefix address;
    private final DataplaneConfig config;
    private final Reconciler reconciler;
    private final ClusterCache cache;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final List<Consumer<DesiredState>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<IpPrefix, InetAddress> bgpRoutes = Map.of();
    private volatile boolean bgpConverged;
    private volatile DataplaneStatus status = DataplaneStatus.initial();
    private volatile Optional<String> underlay = Optional.empty();
    private Subscription subscription;
    private long reconciles;
    private long reconcileErrors;
    private List<String> lastProblems = List.of();
    private List<String> lastWaiting = List.of();

    public DataplaneAgent(
            Datastore datastore, Netlink netlink, String nodeName, AddressWithPrefix address, DataplaneConfig config) {
        this.netlink = netlink;
        this.nodeName = nodeName;
        this.address = address;
        this.config = config;
        this.reconciler = new Reconciler(netlink, config.nat());
        this.cache = new ClusterCache(datastore, this::kick);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dataplane");
            t.setDaemon(true);
            return t;
        });
    }

    /** Subscribes to kernel notifications, opens the datastore watches and schedules the periodic resync. */
    public void start() {
        enableForwarding();
        subscription = netlink.subscribe(Set.of(NetlinkGroup.LINK, NetlinkGroup.IPV4_ROUTE), this::onKernelEvent);
        cache.start();
        long every = config.resyncInterval().toMillis();
        thread.scheduleWithFixedDelay(() -> pass(true), every, every, TimeUnit.MILLISECONDS);
        log.info(
                "dataplane of {} started (routes from {}, resync every {})",
                nodeName,
                config.routeSource(),
                config.resyncInterval());
    }

    /** Pods' traffic is routed through this node: IPv4 forwarding must be on (Felix's IPForwarding=Enabled). */
    private void enableForwarding() {
        try {
            netlink.sysctl().set("net/ipv4/ip_forward", "1");
        } catch (RuntimeException e) {
            log.warn("cannot turn IPv4 forwarding on ({}); pods on other nodes will not be reachable", e.getMessage());
        }
    }

    /**
     * The best routes learned over BGP (prefix → next hop), for {@link RouteSource#BGP}. Until {@code converged} (every
     * peer re-established after a restart), routes a previous run programmed are kept even if not yet relearned.
     */
    public void setBgpRoutes(Map<IpPrefix, InetAddress> routes, boolean converged) {
        bgpRoutes = Map.copyOf(routes);
        bgpConverged = converged;
        kick();
    }

    /** Called on the dataplane thread with every desired state computed (the BGP wiring takes announcements). */
    public void addListener(Consumer<DesiredState> listener) {
        listeners.add(listener);
    }

    public DataplaneStatus status() {
        return status;
    }

    /** Schedules a pass soon, coalescing bursts of changes into one. */
    public void kick() {
        if (pending.compareAndSet(false, true)) {
            try {
                thread.schedule(() -> pass(false), COALESCE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(false); // closing
            }
        }
    }

    private void onKernelEvent(NetlinkEvent event) {
        boolean relevant = switch (event) {
            case NetlinkEvent.RouteChanged r -> r.removed() && r.route().protocol() == RouteProtocol.BRINDLE;
            case NetlinkEvent.LinkChanged l -> ours(l.link().name());
            case NetlinkEvent.ResyncNeeded r -> true;
            default -> false;
        };
        if (relevant) {
            kick();
        }
    }

    private boolean ours(String link) {
        return link.equals(VxlanDevice.NAME)
                || link.equals(Tunl0Device.NAME)
                || underlay.map(link::equals).orElse(true);
    }

    private void pass(boolean full) {
        pending.set(false);
        if (!cache.synced()) {
            return;
        }
        Instant start = Instant.now();
        try {
            Optional<LocalNode> me = UnderlayLookup.find(netlink, nodeName, address);
            if (me.isEmpty()) {
                finish(
                        start,
                        DesiredState.EMPTY,
                        List.of("no interface holds this node's address " + address + "; check --ip"),
                        false);
                return;
            }
            underlay = Optional.of(me.get().underlay());
            boolean ipip = netlink.findLink(Tunl0Device.NAME).isPresent();
            DesiredState desired = DesiredStateCalculator.compute(
                    cache.snapshot(), me.get(), bgpRoutes, new DataplaneOptions(config.routeSource(), ipip));
            boolean keepStale = config.routeSource() == RouteSource.BGP && !bgpConverged;
            ReconcileReport report = reconciler.reconcile(desired, full, keepStale);
            listeners.forEach(l -> l.accept(desired));
            if (!desired.waiting().equals(lastWaiting)) {
                desired.waiting()
                        .forEach(w -> log.atInfo()
                                .addKeyValue("node", nodeName)
                                .log("dataplane of {} waits: {}", nodeName, w));
                lastWaiting = desired.waiting();
            }
            List<String> problems = new ArrayList<>(desired.problems());
            problems.addAll(report.errors());
            if (report.changes() > 0 || !report.ok()) {
                log.atInfo()
                        .addKeyValue("node", nodeName)
                        .log(
                                "reconciled {}: {} routes written, {} deleted, {} other changes, {} errors",
                                nodeName,
                                report.routesChanged(),
                                report.routesDeleted(),
                                report.otherChanges(),
                                report.errors().size());
            }
            finish(start, desired, problems, report.ok());
        } catch (RuntimeException e) {
            log.warn("dataplane pass failed: {}", e.toString(), e);
            finish(start, DesiredState.EMPTY, List.of("dataplane pass failed: " + e.getMessage()), false);
        }
    }

    private void finish(Instant start, DesiredState desired, List<String> problems, boolean ok) {
        reconciles++;
        if (!ok) {
            reconcileErrors++;
            try {
                thread.schedule(this::kick, config.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.debug("closing: no retry");
            }
        }
        if (!problems.equals(lastProblems)) {
            problems.forEach(p -> log.atWarn().addKeyValue("node", nodeName).log("dataplane of {}: {}", nodeName, p));
            lastProblems = problems;
        }
        Map<RouteKind, Long> counts = new EnumMap<>(RouteKind.class);
        for (RouteKind k : RouteKind.values()) {
            counts.put(k, desired.count(k));
        }
        status = new DataplaneStatus(
                true,
                ok,
                problems,
                counts,
                reconciles,
                reconcileErrors,
                Duration.between(start, Instant.now()),
                Instant.now());
    }

    @Override
    public void close() {
        cache.close();
        if (subscription != null) {
            subscription.close();
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("dataplane of {} stopped; kernel state left in place", nodeName);
    }
}
