package dev.brindle.ipam;

import java.util.BitSet;

/**
 * The structural rules of a stored block (what {@code ipam check} calls "invalid IPAMBlocks"): arrays sized to the
 * block, every free ordinal listed exactly once in the free list and no allocated ordinal in it, attribute indexes in
 * range.
 */
final class BlockValidator {
    private BlockValidator() {}

    static void check(Block block) {
        int size = Block.sizeOf(block.cidr());
        int[] alloc = block.allocations();
        int[] free = block.unallocated();
        if (alloc.length != size || block.allocationSequence().length != size) {
            throw invalid(block, "allocations has " + alloc.length + " entries; a " + block.cidr() + " needs " + size);
        }
        BitSet listed = new BitSet(size);
        for (int ordinal : free) {
            if (ordinal < 0 || ordinal >= size) {
                throw invalid(block, "unallocated lists ordinal " + ordinal + " outside 0.." + (size - 1));
            }
            if (listed.get(ordinal)) {
                throw invalid(block, "unallocated lists ordinal " + ordinal + " twice");
            }
            if (alloc[ordinal] != Block.FREE) {
                throw invalid(block, "ordinal " + ordinal + " is both allocated and in unallocated");
            }
            listed.set(ordinal);
        }
        for (int i = 0; i < size; i++) {
            if (alloc[i] == Block.FREE && !listed.get(i)) {
                throw invalid(block, "ordinal " + i + " is free but missing from unallocated");
            }
            if (alloc[i] != Block.FREE
                    && (alloc[i] < 0 || alloc[i] >= block.attributes().size())) {
                throw invalid(block, "ordinal " + i + " points at attribute " + alloc[i] + " which does not exist");
            }
        }
    }

    private static IllegalArgumentException invalid(Block block, String rule) {
        return new IllegalArgumentException("IPAM block " + block.cidr() + ": " + rule);
    }
}
