package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import java.util.Objects;
import java.util.Set;

/**
 * What the allocator needs to know of an IP pool: its CIDR and block size, whether it is enabled, which nodes it
 * serves ({@code nodeSelector}), what it may be used for, whether it is only used on explicit request ({@code
 * assignmentMode: Manual}), and its encapsulation (which decides tunnel addresses).
 */
public record Pool(
        String name,
        IpPrefix cidr,
        int blockSize,
        boolean disabled,
        String nodeSelector,
        Set<IntendedUse> allowedUses,
        boolean manual,
        Encapsulation ipipMode,
        Encapsulation vxlanMode) {

    /** {@code Never}, {@code Always} or {@code CrossSubnet}. */
    public enum Encapsulation {
        NEVER,
        ALWAYS,
        CROSS_SUBNET;

        public boolean enabled() {
            return this != NEVER;
        }
    }

    public Pool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cidr, "cidr");
        if (blockSize < cidr.length() || blockSize > cidr.family().bits()) {
            throw new IllegalArgumentException(
                    "IPPool " + name + ": blockSize " + blockSize + " must be between the pool's prefix length "
                            + cidr.length() + " and " + cidr.family().bits());
        }
        nodeSelector = nodeSelector == null || nodeSelector.isBlank() ? "all()" : nodeSelector;
        allowedUses = Set.copyOf(allowedUses);
        Objects.requireNonNull(ipipMode, "ipipMode");
        Objects.requireNonNull(vxlanMode, "vxlanMode");
    }

    /** The number of blocks in the pool. */
    public long blockCount() {
        return 1L << (blockSize - cidr.length());
    }

    public IpPrefix block(long index) {
        return cidr.subnet(blockSize, index);
    }
}
