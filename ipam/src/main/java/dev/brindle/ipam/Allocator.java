package dev.brindle.ipam;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Calico's block-affinity allocator (calico-facts.md §2.3): addresses come from the node's own confirmed blocks
 * first, then from a newly claimed block, and — only when {@code strictAffinity} is off — borrowed from other nodes'
 * blocks. Addresses are returned with the block's prefix length. Each public operation's writes reach the disk
 * together when it returns ({@link IpamStore#deferSync}): one sync per request, not one per write.
 */
public final class Allocator {
    private final IpamStore store;
    private final PoolChooser chooser;
    private final BlockWriter writer;
    private final BlockClaimer claimer;
    private final RandomGenerator random;

    /** Borrows in an order drawn from a fresh {@link Random} (thread-safe, as this allocator may be shared). */
    public Allocator(IpamStore store, Clock clock) {
        this(store, clock, new Random());
    }

    /** {@code random} orders the blocks to borrow from (tests pass a seeded one); it must be thread-safe if shared. */
    public Allocator(IpamStore store, Clock clock, RandomGenerator random) {
        this.store = store;
        this.chooser = new PoolChooser(store);
        this.writer = new BlockWriter(store);
        this.claimer = new BlockClaimer(store, clock);
        this.random = random;
    }

    /**
     * A scope in which this thread's allocator writes share one wait for the disk, when it closes
     * ({@link IpamStore#deferSync}): a caller that serialises requests opens it outside its lock, so the next request
     * runs while this one's journal sync is in flight and the two share a sync (group commit).
     */
    public Datastore.SyncScope deferSync() {
        return store.deferSync();
    }

    /** A scope in which this thread's writes take the store's lock once ({@link IpamStore#writeBatch}). */
    public Datastore.WriteBatch writeBatch() {
        return store.writeBatch();
    }

    /** Assigns the request's addresses, or throws (and holds nothing new) when it cannot assign all of them. */
    public List<AddressWithPrefix> assign(AssignRequest request) {
        if (request.count() == 0) {
            return List.of();
        }
        try (var synced = store.deferSync()) {
            return assignNow(request);
        }
    }

    private List<AddressWithPrefix> assignNow(AssignRequest request) {
        List<Pool> pools = chooser.choose(request.node(), request.use(), request.family(), request.pools());
        if (pools.isEmpty()) {
            throw IpamException.noPoolForNode(request.node(), request.use());
        }
        IpamSettings settings = store.settings();
        List<AddressWithPrefix> got = new ArrayList<>();
        fromAffineBlocks(request, pools, got);
        boolean blockLimit = fromNewBlocks(request, pools, settings, got);
        if (got.size() < request.count() && !settings.strictAffinity()) {
            borrow(request, pools, got);
        }
        if (got.size() < request.count()) {
            rollBack(got);
            throw blockLimit
                    ? IpamException.blockLimit(request.node(), settings.blockCap())
                    : IpamException.exhausted(request.node(), request.count(), got.size(), pools);
        }
        return List.copyOf(got);
    }

    private void fromAffineBlocks(AssignRequest request, List<Pool> pools, List<AddressWithPrefix> got) {
        for (IpPrefix cidr : affineBlocks(request.node(), pools)) {
            if (got.size() >= request.count()) {
                return;
            }
            if (store.block(cidr).isEmpty()) {
                // The affinity outlived a crash before the block was created: create it now (step 4).
                claimer.tryClaim(request.node(), cidr);
            }
            take(cidr, request, got, b -> b.isAffineTo(request.node()));
        }
    }

    /** Claims blocks until the request is met; true when it stopped because of the per-host block limit. */
    private boolean fromNewBlocks(
            AssignRequest request, List<Pool> pools, IpamSettings settings, List<AddressWithPrefix> got) {
        while (got.size() < request.count() && settings.autoAllocateBlocks()) {
            if (confirmedCount(request.node()) >= settings.blockCap()) {
                return true;
            }
            Optional<IpPrefix> claimed = claimer.claim(request.node(), pools);
            if (claimed.isEmpty()) {
                return false;
            }
            take(claimed.get(), request, got, b -> b.isAffineTo(request.node()));
        }
        return false;
    }

    /**
     * Step 8: any existing block of an allowed pool with room, whoever it is affine to, in random order (Calico
     * "iterate random blocks"): nodes that must borrow spread over the blocks instead of all crowding the
     * lowest-addressed one and racing for its compare-and-swap. The holder names the borrower.
     */
    private void borrow(AssignRequest request, List<Pool> pools, List<AddressWithPrefix> got) {
        List<IpPrefix> candidates = new ArrayList<>();
        for (Versioned<Block> v : store.blocks()) {
            IpPrefix cidr = v.value().cidr();
            if (v.value().freeCount() > 0
                    && pools.stream().anyMatch(p -> p.cidr().contains(cidr))) {
                candidates.add(cidr);
            }
        }
        Collections.shuffle(candidates, random);
        for (IpPrefix cidr : candidates) {
            if (got.size() >= request.count()) {
                return;
            }
            take(cidr, request, got, b -> true);
        }
    }

    private void take(
            IpPrefix cidr,
            AssignRequest request,
            List<AddressWithPrefix> got,
            java.util.function.Predicate<Block> usable) {
        for (InetAddress a : writer.assign(cidr, request.count() - got.size(), request.holder(), usable)) {
            got.add(new AddressWithPrefix(a, cidr.length()));
        }
    }

    private void rollBack(List<AddressWithPrefix> got) {
        for (AddressWithPrefix a : got) {
            writer.releaseAddress(a.network(), a.address(), null);
        }
    }

    /** The node's confirmed blocks inside the given pools, in address order. */
    List<IpPrefix> affineBlocks(String node, List<Pool> pools) {
        return store.affinities(node).stream()
                .map(Versioned::value)
                .filter(a -> a.state() == Affinity.State.CONFIRMED)
                .map(Affinity::cidr)
                .filter(c -> pools.stream().anyMatch(p -> p.cidr().contains(c)))
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    private long confirmedCount(String node) {
        return store.affinities(node).stream()
                .filter(a -> a.value().state() == Affinity.State.CONFIRMED)
                .count();
    }

    /**
     * Assigns one specific address to the holder, claiming its block for the node when no block holds it yet. Throws
     * when the address is in no enabled pool or is already taken.
     */
    public AddressWithPrefix assignAddress(String node, InetAddress address, AllocationAttributes holder) {
        Pool pool = store.pools().stream()
                .filter(p -> !p.disabled() && p.cidr().contains(address))
                .findFirst()
                .orElseThrow(
                        () -> IpamException.invalid(IpAddresses.format(address) + " is not in any enabled IP pool"));
        IpPrefix cidr = IpPrefix.containing(address, pool.blockSize());
        try (var synced = store.deferSync()) {
            if (store.block(cidr).isEmpty()) {
                claimer.tryClaim(node, cidr);
            }
            if (!writer.assignAddress(cidr, address, holder)) {
                throw IpamException.invalid(IpAddresses.format(address) + " is already assigned");
            }
        }
        return new AddressWithPrefix(address, cidr.length());
    }

    /** Every address the handle holds, with the block prefix length, in address order. */
    public List<AddressWithPrefix> addressesOf(String handle) {
        Optional<Versioned<Handle>> h = store.handle(handle);
        if (h.isEmpty()) {
            return List.of();
        }
        List<AddressWithPrefix> out = new ArrayList<>();
        for (IpPrefix cidr : h.get().value().blocks().keySet().stream().sorted().toList()) {
            store.block(cidr)
                    .ifPresent(v -> v.value()
                            .ordinalsOf(handle)
                            .forEach(
                                    o -> out.add(new AddressWithPrefix(v.value().addressOf(o), cidr.length()))));
        }
        return out;
    }

    /** Releases everything the handle holds (calico-facts.md §2.6); returns the freed addresses. */
    public List<String> releaseHandle(String handle) {
        Optional<Versioned<Handle>> h = store.handle(handle);
        if (h.isEmpty()) {
            return List.of();
        }
        List<String> freed = new ArrayList<>();
        try (var synced = store.deferSync()) {
            for (IpPrefix cidr :
                    h.get().value().blocks().keySet().stream().sorted().toList()) {
                freed.addAll(writer.releaseHandle(cidr, handle));
            }
        }
        return freed;
    }

    /**
     * Releases one address if it is still allocated at {@code expectedSequence} (when not null); returns the handle
     * that held it, or empty when it was free or re-allocated since.
     */
    public Optional<String> releaseAddress(InetAddress address, Long expectedSequence) {
        Optional<IpPrefix> cidr = blockContaining(address);
        try (var synced = store.deferSync()) {
            return cidr.flatMap(c -> writer.releaseAddress(c, address, expectedSequence));
        }
    }

    /** The block an address belongs to: from its pool's block size, else from the blocks that exist. */
    public Optional<IpPrefix> blockContaining(InetAddress address) {
        for (Pool p : store.pools()) {
            if (p.cidr().contains(address)) {
                return Optional.of(IpPrefix.containing(address, p.blockSize()));
            }
        }
        return store.blocks().stream()
                .map(v -> v.value().cidr())
                .filter(c -> c.contains(address))
                .findFirst();
    }

    /** Releases a node's affinity to a block; with {@code mustBeEmpty}, only when the block holds no address. */
    public boolean releaseAffinity(String node, IpPrefix cidr, boolean mustBeEmpty) {
        return new AffinityReleaser(store).release(node, cidr, mustBeEmpty);
    }

    /** Releases every node's affinity inside a pool (used when the pool is deleted); returns how many. */
    public int releasePoolAffinities(IpPrefix poolCidr) {
        int n = 0;
        for (Versioned<Affinity> a : store.affinities(null)) {
            if (poolCidr.contains(a.value().cidr())
                    && releaseAffinity(a.value().node(), a.value().cidr(), false)) {
                n++;
            }
        }
        return n;
    }
}
