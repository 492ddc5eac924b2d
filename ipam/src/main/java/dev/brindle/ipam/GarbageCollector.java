package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection of one node's IPAM state, run by that node's agent (calico-facts.md §2.8, narrowed to one node):
 *
 * <ul>
 *   <li>a workload allocation held by this node whose workload is gone is released once it has been seen leaked for
 *       the grace period, with its sequence number so that an address handed out again meanwhile stays; all or none
 *       per handle;
 *   <li>an empty block affine to this node gives up its affinity once it has stayed empty for the grace period, but
 *       never the node's last block;
 *   <li>leftovers of a crash mid-write are repaired: a block that names this node but whose affinity is missing or
 *       pending is confirmed; a pending affinity with no block, or a pending-deletion one, is finished after the grace
 *       period; a handle that counts addresses its blocks no longer hold is corrected after the grace period.
 * </ul>
 *
 * State (when something was first seen) lives in memory: a restarted agent starts its grace periods again, which only
 * delays collection.
 */
public final class GarbageCollector {
    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

    private final IpamStore store;
    private final Allocator allocator;
    private final Clock clock;
    private final Duration grace;
    private final Supplier<Liveness> liveness;
    private final Map<Object, Instant> firstSeen = new HashMap<>();
    private Set<Object> seenThisRun = new HashSet<>();

    /** {@code liveness} is asked once per run for a view of the live workloads, which answers for that run. */
    public GarbageCollector(
            IpamStore store, Allocator allocator, Clock clock, Duration grace, Supplier<Liveness> liveness) {
        this.store = store;
        this.allocator = allocator;
        this.clock = clock;
        this.grace = grace;
        this.liveness = liveness;
    }

    /** What one run did; {@code releasedHandles} are the handles whose leaked addresses it released. */
    public record Report(
            List<String> releasedAddresses, List<String> releasedHandles, List<IpPrefix> releasedBlocks, int repairs) {}

    private record Leak(IpPrefix cidr, int ordinal, long sequence) {}

    /** Keyed by the block's sequence number: any write to the block in between starts the wait again. */
    private record EmptyBlock(IpPrefix cidr, long sequence) {}

    private record StaleAffinity(IpPrefix cidr, String revision) {}

    private record StaleHandle(String id, String revision) {}

    public synchronized Report runOnce(String node) {
        seenThisRun = new HashSet<>();
        List<Versioned<Block>> blocks = store.blocks();
        int repairs = confirmOwnBlocks(node, blocks) + finishStaleAffinities(node, blocks) + fixHandles(blocks);
        Map<String, List<String>> released = releaseLeaks(node, blocks);
        List<IpPrefix> freedBlocks = releaseEmptyBlocks(node);
        firstSeen.keySet().retainAll(seenThisRun);
        return new Report(
                released.values().stream().flatMap(List::stream).toList(),
                List.copyOf(released.keySet()),
                freedBlocks,
                repairs);
    }

    /** True when {@code key} has been seen on every run for at least the grace period (recording it if new). */
    private boolean overdue(Object key) {
        seenThisRun.add(key);
        Instant since = firstSeen.computeIfAbsent(key, k -> clock.instant());
        return !clock.instant().isBefore(since.plus(grace));
    }

    /** The addresses released, per handle (only handles that lost at least one). */
    private Map<String, List<String>> releaseLeaks(String node, List<Versioned<Block>> blocks) {
        Liveness live = liveness.get();
        Map<String, List<Leak>> leaksByHandle = new HashMap<>();
        Set<String> validHandles = new HashSet<>();
        for (Versioned<Block> v : blocks) {
            Block b = v.value();
            for (int o = 0; o < b.size(); o++) {
                var holder = b.holder(o);
                if (holder.isEmpty() || !node.equals(holder.get().node()) || !isWorkload(holder.get())) {
                    continue;
                }
                if (live.isLive(holder.get(), b.addressOf(o))) {
                    validHandles.add(holder.get().handle());
                } else {
                    leaksByHandle
                            .computeIfAbsent(holder.get().handle(), h -> new ArrayList<>())
                            .add(new Leak(b.cidr(), o, b.sequenceOf(o)));
                }
            }
        }
        Map<String, List<String>> released = new java.util.TreeMap<>();
        leaksByHandle.forEach((handle, leaks) -> {
            boolean due = leaks.stream().map(this::overdue).reduce(true, Boolean::logicalAnd);
            if (due && !validHandles.contains(handle)) {
                for (Leak leak : leaks) {
                    InetAddress a = leak.cidr().addressAt(leak.ordinal());
                    allocator
                            .releaseAddress(a, leak.sequence())
                            .ifPresent(h -> released.computeIfAbsent(handle, k -> new ArrayList<>())
                                    .add(a.getHostAddress()));
                }
                log.info("GC released leaked addresses of handle {} on node {}", handle, node);
            }
        });
        return released;
    }

    static boolean isWorkload(AllocationAttributes holder) {
        Map<String, String> s = holder.secondary();
        return s.containsKey(AllocationAttributes.CONTAINER_ID) || s.containsKey(AllocationAttributes.POD);
    }

    private List<IpPrefix> releaseEmptyBlocks(String node) {
        List<IpPrefix> confirmed = store.affinities(node).stream()
                .filter(a -> a.value().state() == Affinity.State.CONFIRMED)
                .map(a -> a.value().cidr())
                .sorted()
                .toList();
        List<IpPrefix> released = new ArrayList<>();
        int remaining = confirmed.size();
        for (IpPrefix cidr : confirmed) {
            var block = store.block(cidr).map(Versioned::value);
            boolean empty = block.map(Block::isEmpty).orElse(false);
            if (!empty || !overdue(new EmptyBlock(cidr, block.get().sequenceNumber())) || remaining <= 1) {
                continue;
            }
            if (allocator.releaseAffinity(node, cidr, true)) {
                log.info("GC released empty block {} from node {}", cidr, node);
                released.add(cidr);
                remaining--;
            }
        }
        return released;
    }

    private int confirmOwnBlocks(String node, List<Versioned<Block>> blocks) {
        int n = 0;
        for (Versioned<Block> v : blocks) {
            if (!v.value().isAffineTo(node)) {
                continue;
            }
            var a = store.affinity(node, v.value().cidr());
            if (a.isEmpty() || a.get().value().state() == Affinity.State.PENDING) {
                new BlockClaimer(store, clock).confirm(node, v.value().cidr());
                n++;
            }
        }
        return n;
    }

    private int finishStaleAffinities(String node, List<Versioned<Block>> blocks) {
        int n = 0;
        for (Versioned<Affinity> a : store.affinities(node)) {
            Affinity aff = a.value();
            boolean ours = blocks.stream()
                    .anyMatch(b ->
                            b.value().cidr().equals(aff.cidr()) && b.value().isAffineTo(node));
            boolean stale =
                    aff.state() == Affinity.State.PENDING_DELETION || (aff.state() == Affinity.State.PENDING && !ours);
            if (stale && overdue(new StaleAffinity(aff.cidr(), a.revision()))) {
                allocator.releaseAffinity(node, aff.cidr(), true);
                n++;
            }
        }
        return n;
    }

    private int fixHandles(List<Versioned<Block>> blocks) {
        Map<String, Map<IpPrefix, Integer>> actual = new HashMap<>();
        for (Versioned<Block> v : blocks) {
            Block b = v.value();
            for (int o = 0; o < b.size(); o++) {
                b.holder(o)
                        .ifPresent(h -> actual.computeIfAbsent(h.handle(), k -> new HashMap<>())
                                .merge(b.cidr(), 1, Integer::sum));
            }
        }
        int n = 0;
        for (Versioned<Handle> h : store.handles()) {
            Map<IpPrefix, Integer> truth = actual.getOrDefault(h.value().id(), Map.of());
            if (truth.equals(h.value().blocks())
                    || !overdue(new StaleHandle(h.value().id(), h.revision()))) {
                continue;
            }
            try {
                if (truth.isEmpty()) {
                    store.deleteHandle(h);
                } else {
                    store.updateHandle(h, new Handle(h.value().id(), truth));
                }
                log.info(
                        "GC corrected handle {}: counted {}, blocks hold {}",
                        h.value().id(),
                        h.value().blocks(),
                        truth);
                n++;
            } catch (StoreConflictException e) {
                log.debug(
                        "handle {} changed while GC looked at it; next run",
                        h.value().id());
            }
        }
        return n;
    }

    /**
     * CNI GC (the runtime lists the attachments that must stay): releases, at once, every address this node holds
     * for a handle of {@code network} not in {@code validHandles}; returns the addresses freed per handle.
     */
    public Map<String, List<String>> releaseExcept(String node, String network, Set<String> validHandles) {
        Set<String> doomed = new java.util.TreeSet<>();
        for (Versioned<Block> v : store.blocks()) {
            for (AllocationAttributes holder : v.value().attributes()) {
                String h = holder.handle();
                if (node.equals(holder.node()) && h.startsWith(network + ".") && !validHandles.contains(h)) {
                    doomed.add(h);
                }
            }
        }
        Map<String, List<String>> released = new java.util.TreeMap<>();
        doomed.forEach(h -> released.put(h, allocator.releaseHandle(h)));
        return released;
    }
}
