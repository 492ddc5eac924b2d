package dev.brindle.datastore.resource;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.brindle.core.IpPrefix;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A block of a pool, affine to at most one node (calico-facts §2.1). {@code allocations} has one entry per ordinal:
 * null when free, else an index into {@code attributes}; {@code unallocated} lists exactly the free ordinals in FIFO
 * order. {@code sequenceNumberForAllocation} records, per allocated ordinal, the block's sequence number when it was
 * allocated, so a release that names an older allocation can be told apart from the current one.
 */
public record IPAMBlock(Metadata metadata, Spec spec) implements Resource {
    public static final String HOST_AFFINITY_PREFIX = "host:";

    public IPAMBlock {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    /** The object name for a block: the CIDR with '.', ':' and '/' replaced by '-' ({@code 10-244-0-64-26}). */
    public static String nameFor(IpPrefix cidr) {
        return cidr.toString().replace('.', '-').replace(':', '-').replace('/', '-');
    }

    /** A new, empty block affine to {@code node} (or unaffine when null). */
    public static IPAMBlock empty(IpPrefix cidr, String node, long sequenceNumber, Instant claimTime) {
        int size = Spec.sizeOf(cidr);
        List<Integer> allocations = Collections.nCopies(size, null);
        List<Integer> free = IntStream.range(0, size).boxed().toList();
        return new IPAMBlock(
                Metadata.named(nameFor(cidr)),
                new Spec(
                        cidr,
                        node == null ? null : HOST_AFFINITY_PREFIX + node,
                        node == null ? null : claimTime,
                        allocations,
                        free,
                        List.of(),
                        sequenceNumber,
                        Map.of(),
                        false));
    }

    @Override
    public Kind<IPAMBlock> kind() {
        return Kind.IPAM_BLOCK;
    }

    @Override
    public IPAMBlock withMetadata(Metadata m) {
        return new IPAMBlock(m, spec);
    }

    public IPAMBlock withSpec(Spec s) {
        return new IPAMBlock(metadata, s);
    }

    /** What an allocation is for: the handle that owns it and free-form attributes (namespace, pod, node, type). */
    public record Attribute(String handleID, Map<String, String> secondary) {
        public Attribute {
            secondary = secondary == null ? Map.of() : Map.copyOf(secondary);
        }
    }

    public record Spec(
            @Required @JsonSerialize(using = ToStringSerializer.class) @Pattern(IPPool.CIDR_PATTERN)
            IpPrefix cidr,

            String affinity,
            @SchemaFrom(type = String.class) Instant affinityClaimTime,
            List<Integer> allocations,
            List<Integer> unallocated,
            List<Attribute> attributes,
            long sequenceNumber,
            Map<String, Long> sequenceNumberForAllocation,
            boolean deleted) {

        public Spec {
            allocations = allocations == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(allocations));
            unallocated = unallocated == null ? List.of() : List.copyOf(unallocated);
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
            sequenceNumberForAllocation = sequenceNumberForAllocation == null
                    ? Map.of()
                    : Collections.unmodifiableMap(new HashMap<>(sequenceNumberForAllocation));
            check(cidr, affinity, allocations, unallocated, attributes);
        }

        static int sizeOf(IpPrefix cidr) {
            int hostBits = cidr.family().bits() - cidr.length();
            if (hostBits > 16) {
                throw new IllegalArgumentException("block " + cidr + " is larger than any allowed block size");
            }
            return 1 << hostBits;
        }

        private static void check(
                IpPrefix cidr,
                String affinity,
                List<Integer> allocations,
                List<Integer> unallocated,
                List<Attribute> attributes) {
            Errors errors = new Errors("IPAMBlock spec");
            if (errors.check(cidr == null, "spec.cidr", "is required")) {
                errors.throwIfAny();
            }
            int size = sizeOf(cidr);
            errors.check(
                    affinity != null && !affinity.startsWith(HOST_AFFINITY_PREFIX) && !affinity.startsWith("virtual:"),
                    "spec.affinity",
                    "must be 'host:<node>' (or absent), got '" + affinity + "'");
            if (errors.check(
                    allocations.size() != size,
                    "spec.allocations",
                    "must have one entry per address of " + cidr + " (" + size + "), got " + allocations.size())) {
                errors.throwIfAny();
            }
            // The messages are built only for a broken entry: every block write runs this loop over the whole block.
            BitSet free = new BitSet(size);
            for (int i = 0; i < size; i++) {
                Integer a = allocations.get(i);
                if (a == null) {
                    free.set(i);
                } else if (a < 0 || a >= attributes.size()) {
                    errors.add(
                            "spec.allocations[" + i + "]",
                            "must index spec.attributes (0.." + (attributes.size() - 1) + "), got " + a);
                }
            }
            BitSet listed = new BitSet(size);
            for (int i = 0; i < unallocated.size(); i++) {
                int o = unallocated.get(i);
                if (o < 0 || o >= size || !free.get(o) || listed.get(o)) {
                    errors.add("spec.unallocated[" + i + "]", "must be a free ordinal listed once, got " + o);
                } else {
                    listed.set(o);
                }
            }
            errors.check(
                    !listed.equals(free),
                    "spec.unallocated",
                    "must list every free ordinal exactly once (" + free.cardinality() + " free, "
                            + listed.cardinality() + " listed)");
            errors.throwIfAny();
        }

        /** The node this block is affine to, when its affinity is {@code host:<node>}. */
        public Optional<String> affineNode() {
            return affinity != null && affinity.startsWith(HOST_AFFINITY_PREFIX)
                    ? Optional.of(affinity.substring(HOST_AFFINITY_PREFIX.length()))
                    : Optional.empty();
        }

        public int size() {
            return allocations.size();
        }

        public int freeCount() {
            return unallocated.size();
        }

        public boolean empty() {
            return unallocated.size() == allocations.size();
        }
    }
}
