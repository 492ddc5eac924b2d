package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims a new block for a node (calico-facts.md §2.3 steps 5–6): find a block-sized subnet of an allowed pool that
 * has no block yet, then the two-phase claim — a {@code PENDING} affinity, a compare-and-swap <em>create</em> of the
 * block naming the node, a {@code CONFIRMED} affinity. Two nodes racing for one subnet both write a pending
 * affinity, but only one block create succeeds; the loser deletes its pending affinity and probes on. A crash between
 * the steps leaves a pending affinity (ignored for ownership, re-used by the next claim) or a block whose affinity is
 * not yet confirmed (confirmed by the next claim or by GC).
 */
final class BlockClaimer {
    /** Empty blocks of other nodes claimed longer ago than this may be reclaimed when a pool is otherwise full. */
    static final Duration EMPTY_BLOCK_MIN_RECLAIM_AGE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(BlockClaimer.class);
    private final IpamStore store;
    private final Clock clock;

    BlockClaimer(IpamStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Claims a block for {@code node} from the first pool that has room; empty when every pool is full. */
    Optional<IpPrefix> claim(String node, List<Pool> pools) {
        Map<IpPrefix, Block> existing = new HashMap<>();
        store.blocks().forEach(v -> existing.put(v.value().cidr(), v.value()));
        for (Pool pool : pools) {
            for (IpPrefix cidr : new BlockOrder(pool, node)) {
                Block block = existing.get(cidr);
                if (block == null && tryClaim(node, cidr)) {
                    return Optional.of(cidr);
                }
                if (block != null && block.isAffineTo(node) && block.freeCount() > 0) {
                    confirm(node, cidr);
                    return Optional.of(cidr);
                }
            }
        }
        return reclaimEmpty(node, pools, existing);
    }

    /** Last resort: an empty block affine to another node, claimed long enough ago, changes hands. */
    private Optional<IpPrefix> reclaimEmpty(String node, List<Pool> pools, Map<IpPrefix, Block> existing) {
        Instant cutoff = clock.instant().minus(EMPTY_BLOCK_MIN_RECLAIM_AGE);
        for (Pool pool : pools) {
            for (IpPrefix cidr : new BlockOrder(pool, node)) {
                Block block = existing.get(cidr);
                if (block == null || !block.isEmpty() || block.affineNode().isEmpty() || block.isAffineTo(node)) {
                    continue;
                }
                if (block.claimTime().map(t -> t.isAfter(cutoff)).orElse(false)) {
                    continue;
                }
                String owner = block.affineNode().get();
                if (new AffinityReleaser(store).release(owner, cidr, true) && tryClaim(node, cidr)) {
                    log.info("reclaimed empty block {} from node {} for node {}", cidr, owner, node);
                    return Optional.of(cidr);
                }
            }
        }
        return Optional.empty();
    }

    /** The two-phase claim of one subnet; false when another node won it. */
    boolean tryClaim(String node, IpPrefix cidr) {
        writePending(node, cidr);
        try {
            long seq = clock.instant().toEpochMilli() * 1_000_000L;
            store.createBlock(Block.claimed(cidr, node, clock.instant(), seq));
        } catch (StoreConflictException e) {
            Optional<Versioned<Block>> winner = store.block(cidr);
            if (winner.isEmpty() || !winner.get().value().isAffineTo(node)) {
                dropPending(node, cidr);
                log.debug("lost the race for block {} (node {}); probing on", cidr, node);
                return false;
            }
        }
        confirm(node, cidr);
        log.info("claimed block {} for node {}", cidr, node);
        return true;
    }

    private void writePending(String node, IpPrefix cidr) {
        Cas.retry("writing pending affinity " + node + " " + cidr, () -> {
            Optional<Versioned<Affinity>> current = store.affinity(node, cidr);
            if (current.isEmpty()) {
                store.createAffinity(new Affinity(node, cidr, Affinity.State.PENDING));
            } else if (current.get().value().state() != Affinity.State.CONFIRMED) {
                store.updateAffinity(current.get(), current.get().value().withState(Affinity.State.PENDING));
            }
            return null;
        });
    }

    private void dropPending(String node, IpPrefix cidr) {
        Cas.retry("deleting pending affinity " + node + " " + cidr, () -> {
            Optional<Versioned<Affinity>> current = store.affinity(node, cidr);
            if (current.isPresent() && current.get().value().state() == Affinity.State.PENDING) {
                store.deleteAffinity(current.get());
            }
            return null;
        });
    }

    /** Marks the node's affinity confirmed, creating it if a crash lost it (the block already names the node). */
    void confirm(String node, IpPrefix cidr) {
        Cas.retry("confirming affinity " + node + " " + cidr, () -> {
            Optional<Versioned<Affinity>> current = store.affinity(node, cidr);
            if (current.isEmpty()) {
                store.createAffinity(new Affinity(node, cidr, Affinity.State.CONFIRMED));
            } else if (current.get().value().state() != Affinity.State.CONFIRMED) {
                store.updateAffinity(current.get(), current.get().value().withState(Affinity.State.CONFIRMED));
            }
            return null;
        });
    }
}
