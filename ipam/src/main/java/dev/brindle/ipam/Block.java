package dev.brindle.ipam;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One IPAM block: a block-sized subnet of a pool, its affinity, and which ordinals (offsets inside the block) are
 * allocated to which handle. Immutable: every operation returns a new block with {@link #sequenceNumber()} bumped,
 * which is what the datastore stores with a compare-and-swap.
 *
 * <p>Order of reuse follows Calico ({@code calico-facts.md} §2.4): a new block's free list is {@code 0..n-1}, an
 * allocation pops the head, a release appends to the tail, so freed addresses are reused least recently freed first.
 * Each allocated ordinal remembers the block sequence number at which it was allocated (§2.5): a release that names
 * an older sequence number is skipped, so a stale release never frees an address handed out again since.
 */
public final class Block {
    static final int FREE = -1;

    private final IpPrefix cidr;
    private final String affinity;
    private final Instant claimTime;
    private final int[] allocations;
    private final int[] unallocated;
    private final List<AllocationAttributes> attributes;
    private final long sequenceNumber;
    private final long[] allocationSequence;

    /** Use {@link #claimed} for a new block; this constructor re-creates a stored one and checks it is coherent. */
    public Block(
            IpPrefix cidr,
            String affinity,
            Instant claimTime,
            int[] allocations,
            int[] unallocated,
            List<AllocationAttributes> attributes,
            long sequenceNumber,
            long[] allocationSequence) {
        this.cidr = Objects.requireNonNull(cidr, "cidr");
        this.affinity = affinity;
        this.claimTime = claimTime;
        this.allocations = allocations.clone();
        this.unallocated = unallocated.clone();
        this.attributes = List.copyOf(attributes);
        this.sequenceNumber = sequenceNumber;
        this.allocationSequence = allocationSequence.clone();
        BlockValidator.check(this);
    }

    private Block(Block from, int[] allocations, int[] unallocated, List<AllocationAttributes> attributes, long[] seq) {
        this.cidr = from.cidr;
        this.affinity = from.affinity;
        this.claimTime = from.claimTime;
        this.allocations = allocations;
        this.unallocated = unallocated;
        this.attributes = attributes;
        this.sequenceNumber = from.sequenceNumber + 1;
        this.allocationSequence = seq;
    }

    /** A fresh, empty block affine to {@code host:<node>}, as claimed in step 6b of the claim. */
    public static Block claimed(IpPrefix cidr, String node, Instant now, long sequenceNumber) {
        int size = sizeOf(cidr);
        int[] free = new int[size];
        for (int i = 0; i < size; i++) {
            free[i] = i;
        }
        int[] alloc = new int[size];
        Arrays.fill(alloc, FREE);
        return new Block(cidr, hostAffinity(node), now, alloc, free, List.of(), sequenceNumber, new long[size]);
    }

    static int sizeOf(IpPrefix cidr) {
        int hostBits = cidr.family().bits() - cidr.length();
        if (hostBits > 12) {
            throw new IllegalArgumentException("block " + cidr + " is larger than a /20 (IPv4) or /116 (IPv6)");
        }
        return 1 << hostBits;
    }

    public static String hostAffinity(String node) {
        return "host:" + node;
    }

    public IpPrefix cidr() {
        return cidr;
    }

    /** {@code host:<node>}, or empty when the block is not affine to any node. */
    public Optional<String> affinity() {
        return Optional.ofNullable(affinity);
    }

    /** The node named by a {@code host:} affinity. */
    public Optional<String> affineNode() {
        return affinity != null && affinity.startsWith("host:") ? Optional.of(affinity.substring(5)) : Optional.empty();
    }

    public boolean isAffineTo(String node) {
        return hostAffinity(node).equals(affinity);
    }

    public Optional<Instant> claimTime() {
        return Optional.ofNullable(claimTime);
    }

    public long sequenceNumber() {
        return sequenceNumber;
    }

    public int size() {
        return allocations.length;
    }

    public int freeCount() {
        return unallocated.length;
    }

    public int usedCount() {
        return allocations.length - unallocated.length;
    }

    public boolean isEmpty() {
        return unallocated.length == allocations.length;
    }

    /** The free ordinals in the order they will be handed out. */
    public int[] unallocated() {
        return unallocated.clone();
    }

    /** Per ordinal, the index into {@link #attributes()} or {@code -1} when free. */
    public int[] allocations() {
        return allocations.clone();
    }

    public List<AllocationAttributes> attributes() {
        return attributes;
    }

    /** Per ordinal, the block sequence number at which it was allocated (0 when free). */
    public long[] allocationSequence() {
        return allocationSequence.clone();
    }

    public InetAddress addressOf(int ordinal) {
        return cidr.addressAt(ordinal);
    }

    public int ordinalOf(InetAddress address) {
        return (int) cidr.offsetOf(address);
    }

    /** The holder of an ordinal, or empty when it is free. */
    public Optional<AllocationAttributes> holder(int ordinal) {
        int index = allocations[ordinal];
        return index == FREE ? Optional.empty() : Optional.of(attributes.get(index));
    }

    public long sequenceOf(int ordinal) {
        return allocationSequence[ordinal];
    }

    /** Ordinals held by {@code handle}, in ascending order. */
    public List<Integer> ordinalsOf(String handle) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < allocations.length; i++) {
            if (allocations[i] != FREE
                    && attributes.get(allocations[i]).handle().equals(handle)) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Allocates up to {@code count} addresses from the head of the free list. The result holds fewer ordinals than
     * asked when the block has fewer free.
     */
    public Assigned assign(int count, AllocationAttributes holder) {
        int n = Math.min(count, unallocated.length);
        int[] taken = Arrays.copyOf(unallocated, n);
        return assignOrdinals(taken, Arrays.copyOfRange(unallocated, n, unallocated.length), holder);
    }

    /** Allocates one specific address; empty when it is already taken. */
    public Optional<Assigned> assignAddress(InetAddress address, AllocationAttributes holder) {
        int ordinal = ordinalOf(address);
        if (allocations[ordinal] != FREE) {
            return Optional.empty();
        }
        int[] rest = Arrays.stream(unallocated).filter(o -> o != ordinal).toArray();
        return Optional.of(assignOrdinals(new int[] {ordinal}, rest, holder));
    }

    private Assigned assignOrdinals(int[] taken, int[] rest, AllocationAttributes holder) {
        List<AllocationAttributes> attrs = new ArrayList<>(attributes);
        int index = attrs.indexOf(holder);
        if (index < 0) {
            attrs.add(holder);
            index = attrs.size() - 1;
        }
        int[] alloc = allocations.clone();
        long[] seq = allocationSequence.clone();
        long next = sequenceNumber + 1;
        for (int ordinal : taken) {
            alloc[ordinal] = index;
            seq[ordinal] = next;
        }
        List<Integer> ordinals = Arrays.stream(taken).boxed().toList();
        return new Assigned(new Block(this, alloc, rest, List.copyOf(attrs), seq), ordinals);
    }

    /**
     * Frees the given ordinals, appending them to the tail of the free list in the order given. An ordinal that is
     * already free, or whose allocation sequence differs from the one in {@code expectedSequence} (when present), is
     * left alone: it has been released, or released and handed out again, since the caller looked.
     */
    public Released release(List<Integer> ordinals, Map<Integer, Long> expectedSequence) {
        int[] alloc = allocations.clone();
        long[] seq = allocationSequence.clone();
        List<Integer> freed = new ArrayList<>();
        for (int ordinal : ordinals) {
            Long expected = expectedSequence.get(ordinal);
            if (alloc[ordinal] == FREE || (expected != null && expected != seq[ordinal])) {
                continue;
            }
            alloc[ordinal] = FREE;
            seq[ordinal] = 0;
            freed.add(ordinal);
        }
        int[] free = Arrays.copyOf(unallocated, unallocated.length + freed.size());
        for (int i = 0; i < freed.size(); i++) {
            free[unallocated.length + i] = freed.get(i);
        }
        return new Released(compact(this, alloc, free, seq), freed);
    }

    /** Frees every ordinal held by {@code handle}. */
    public Released releaseHandle(String handle) {
        return release(ordinalsOf(handle), Map.of());
    }

    /** Drops attribute entries no ordinal points at any more and renumbers the rest, as Calico does on release. */
    private static Block compact(Block from, int[] alloc, int[] free, long[] seq) {
        Map<Integer, Integer> renumber = new HashMap<>();
        List<AllocationAttributes> kept = new ArrayList<>();
        for (int i = 0; i < alloc.length; i++) {
            if (alloc[i] != FREE) {
                int old = alloc[i];
                alloc[i] = renumber.computeIfAbsent(old, o -> {
                    kept.add(from.attributes.get(o));
                    return kept.size() - 1;
                });
            }
        }
        return new Block(from, alloc, free, List.copyOf(kept), seq);
    }

    /** The same block with a different affinity (or none), claimed at {@code now}. */
    public Block withAffinity(String node, Instant now) {
        return new Block(
                cidr,
                node == null ? null : hostAffinity(node),
                now,
                allocations,
                unallocated,
                attributes,
                sequenceNumber + 1,
                allocationSequence);
    }

    @Override
    public String toString() {
        return "Block[" + cidr + " " + (affinity == null ? "<none>" : affinity) + " used=" + usedCount() + "/" + size()
                + " seq=" + sequenceNumber + "]";
    }

    /** The block after an allocation, and the ordinals allocated (in the order they were taken). */
    public record Assigned(Block block, List<Integer> ordinals) {
        public List<InetAddress> addresses() {
            return ordinals.stream().map(block::addressOf).toList();
        }
    }

    /** The block after a release, and the ordinals actually freed. */
    public record Released(Block block, List<Integer> ordinals) {
        public List<String> addresses() {
            return ordinals.stream()
                    .map(o -> IpAddresses.format(block.addressOf(o)))
                    .toList();
        }
    }
}
