package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import java.util.Optional;

/**
 * Releases a node's affinity to a block (Calico's {@code ReleaseBlockAffinity}): the affinity goes to {@code
 * PENDING_DELETION}, then an empty block is deleted (a non-empty one, when allowed, loses its affinity and stays for
 * the addresses still in it), then the affinity is deleted. A crash in between leaves a pending-deletion affinity,
 * which the next release or GC finishes.
 */
final class AffinityReleaser {
    private final IpamStore store;

    AffinityReleaser(IpamStore store) {
        this.store = store;
    }

    /** False when {@code mustBeEmpty} and the block holds addresses (then nothing changes). */
    boolean release(String node, IpPrefix cidr, boolean mustBeEmpty) {
        Optional<Versioned<Block>> block = store.block(cidr);
        if (mustBeEmpty && block.isPresent() && !block.get().value().isEmpty()) {
            return false;
        }
        markPendingDeletion(node, cidr);
        boolean done = Cas.retry("releasing block " + cidr + " from " + node, () -> {
            Optional<Versioned<Block>> current = store.block(cidr);
            if (current.isEmpty() || !current.get().value().isAffineTo(node)) {
                return true;
            }
            Block b = current.get().value();
            if (b.isEmpty()) {
                store.deleteBlock(current.get());
                return true;
            }
            if (mustBeEmpty) {
                return false;
            }
            store.updateBlock(current.get(), b.withAffinity(null, null));
            return true;
        });
        if (!done) {
            restoreConfirmed(node, cidr);
            return false;
        }
        Cas.retry("deleting affinity " + node + " " + cidr, () -> {
            Optional<Versioned<Affinity>> a = store.affinity(node, cidr);
            if (a.isPresent()) {
                store.deleteAffinity(a.get());
            }
            return null;
        });
        return true;
    }

    private void markPendingDeletion(String node, IpPrefix cidr) {
        Cas.retry("marking affinity " + node + " " + cidr, () -> {
            Optional<Versioned<Affinity>> a = store.affinity(node, cidr);
            if (a.isPresent() && a.get().value().state() == Affinity.State.CONFIRMED) {
                store.updateAffinity(a.get(), a.get().value().withState(Affinity.State.PENDING_DELETION));
            }
            return null;
        });
    }

    private void restoreConfirmed(String node, IpPrefix cidr) {
        Cas.retry("restoring affinity " + node + " " + cidr, () -> {
            Optional<Versioned<Affinity>> a = store.affinity(node, cidr);
            if (a.isPresent() && a.get().value().state() == Affinity.State.PENDING_DELETION) {
                store.updateAffinity(a.get(), a.get().value().withState(Affinity.State.CONFIRMED));
            }
            return null;
        });
    }
}
