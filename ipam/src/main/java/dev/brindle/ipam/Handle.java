package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The secondary index from a handle to the blocks holding its addresses, with a count per block (Calico's
 * IPAMHandle), so that release by handle reads only those blocks.
 */
public record Handle(String id, Map<IpPrefix, Integer> blocks) {
    public Handle {
        Objects.requireNonNull(id, "id");
        blocks = Map.copyOf(blocks);
        blocks.forEach((cidr, n) -> {
            if (n <= 0) {
                throw new IllegalArgumentException("IPAM handle " + id + ": count for " + cidr + " must be > 0");
            }
        });
    }

    /** The same handle with {@code delta} added to the block's count (a count reaching 0 drops the block). */
    public Handle plus(IpPrefix block, int delta) {
        Map<IpPrefix, Integer> next = new HashMap<>(blocks);
        int n = next.getOrDefault(block, 0) + delta;
        if (n > 0) {
            next.put(block, n);
        } else {
            next.remove(block);
        }
        return new Handle(id, next);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public int total() {
        return blocks.values().stream().mapToInt(Integer::intValue).sum();
    }
}
