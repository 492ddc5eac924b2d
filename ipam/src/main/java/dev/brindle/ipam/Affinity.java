package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import java.util.Objects;

/**
 * A node's claim on a block (Calico's BlockAffinity). Claims go {@code PENDING} → {@code CONFIRMED}; a pending
 * affinity does not make the node the owner (calico-facts.md §2.3 step 6), it only reserves its intent while the
 * block itself is created by compare-and-swap.
 */
public record Affinity(String node, IpPrefix cidr, State state) {
    public enum State {
        PENDING,
        CONFIRMED,
        PENDING_DELETION
    }

    public Affinity {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(state, "state");
    }

    public Affinity withState(State newState) {
        return new Affinity(node, cidr, newState);
    }
}
