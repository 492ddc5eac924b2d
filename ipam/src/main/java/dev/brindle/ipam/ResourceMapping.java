package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.AllowedUse;
import dev.brindle.datastore.resource.AssignmentMode;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPAMConfig;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Metadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Translates between the datastore's resource records and the allocator's values, field by field. */
final class ResourceMapping {
    private ResourceMapping() {}

    static Pool pool(IPPool p) {
        IPPool.Spec s = p.spec();
        Set<IntendedUse> uses = s.allowedUses().stream()
                .map(u -> u == AllowedUse.Workload ? IntendedUse.WORKLOAD : IntendedUse.TUNNEL)
                .collect(Collectors.toSet());
        return new Pool(
                p.name(),
                s.cidr(),
                s.blockSize(),
                s.disabled(),
                s.nodeSelector().toString(),
                uses,
                s.assignmentMode() == AssignmentMode.Manual,
                encap(s.ipipMode()),
                encap(s.vxlanMode()));
    }

    private static Pool.Encapsulation encap(EncapMode m) {
        return switch (m) {
            case Never -> Pool.Encapsulation.NEVER;
            case Always -> Pool.Encapsulation.ALWAYS;
            case CrossSubnet -> Pool.Encapsulation.CROSS_SUBNET;
        };
    }

    static IpamSettings settings(IPAMConfig c) {
        IPAMConfig.Spec s = c.spec();
        return new IpamSettings(s.strictAffinity(), s.autoAllocateBlocks(), s.maxBlocksPerHost());
    }

    static Block block(IPAMBlock r) {
        IPAMBlock.Spec s = r.spec();
        int size = s.size();
        int[] alloc = new int[size];
        long[] seq = new long[size];
        for (int i = 0; i < size; i++) {
            Integer a = s.allocations().get(i);
            alloc[i] = a == null ? Block.FREE : a;
            Long n = s.sequenceNumberForAllocation().get(Integer.toString(i));
            seq[i] = a == null || n == null ? 0 : n;
        }
        int[] free = s.unallocated().stream().mapToInt(Integer::intValue).toArray();
        List<AllocationAttributes> attrs = s.attributes().stream()
                .map(a -> new AllocationAttributes(a.handleID(), a.secondary()))
                .toList();
        return new Block(s.cidr(), s.affinity(), s.affinityClaimTime(), alloc, free, attrs, s.sequenceNumber(), seq);
    }

    static IPAMBlock block(Block b, long revision) {
        int[] alloc = b.allocations();
        long[] seq = b.allocationSequence();
        List<Integer> allocations = new ArrayList<>(alloc.length);
        Map<String, Long> seqs = new HashMap<>();
        for (int i = 0; i < alloc.length; i++) {
            allocations.add(alloc[i] == Block.FREE ? null : alloc[i]);
            if (alloc[i] != Block.FREE) {
                seqs.put(Integer.toString(i), seq[i]);
            }
        }
        List<Integer> free = new ArrayList<>();
        for (int o : b.unallocated()) {
            free.add(o);
        }
        List<IPAMBlock.Attribute> attrs = b.attributes().stream()
                .map(a -> new IPAMBlock.Attribute(a.handle(), a.secondary()))
                .toList();
        var spec = new IPAMBlock.Spec(
                b.cidr(),
                b.affinity().orElse(null),
                b.claimTime().orElse(null),
                allocations,
                free,
                attrs,
                b.sequenceNumber(),
                seqs,
                false);
        return new IPAMBlock(meta(IPAMBlock.nameFor(b.cidr()), revision), spec);
    }

    static Affinity affinity(BlockAffinity r) {
        Affinity.State state = switch (r.spec().state()) {
            case pending -> Affinity.State.PENDING;
            case confirmed -> Affinity.State.CONFIRMED;
            case pendingDeletion -> Affinity.State.PENDING_DELETION;
        };
        return new Affinity(r.spec().node(), r.spec().cidr(), state);
    }

    static BlockAffinity affinity(Affinity a, long revision) {
        BlockAffinity.State state = switch (a.state()) {
            case PENDING -> BlockAffinity.State.pending;
            case CONFIRMED -> BlockAffinity.State.confirmed;
            case PENDING_DELETION -> BlockAffinity.State.pendingDeletion;
        };
        return new BlockAffinity(
                meta(BlockAffinity.nameFor(a.node(), a.cidr()), revision),
                new BlockAffinity.Spec(a.node(), a.cidr(), state, false));
    }

    static Handle handle(IPAMHandle r) {
        Map<IpPrefix, Integer> blocks = new HashMap<>();
        r.spec().block().forEach((cidr, n) -> {
            if (n > 0) {
                blocks.put(IpPrefix.parse(cidr), n);
            }
        });
        return new Handle(r.spec().handleID(), blocks);
    }

    static IPAMHandle handle(Handle h, long revision) {
        Map<String, Integer> blocks = new TreeMap<>();
        h.blocks().forEach((cidr, n) -> blocks.put(cidr.toString(), n));
        return new IPAMHandle(meta(IPAMHandle.nameFor(h.id()), revision), new IPAMHandle.Spec(h.id(), blocks, false));
    }

    private static Metadata meta(String name, long revision) {
        return Metadata.named(name).withRevision(revision);
    }
}
