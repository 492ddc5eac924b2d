package dev.brindle.agent.dataplane;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.IPAMBlock;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which node each block routes to, and which addresses are borrowed (held by a node other than the block's). A block
 * counts when it names a host affinity and is not being deleted; an affinity record that is still {@code pending} or
 * already {@code pendingDeletion} means the claim is not (or no longer) settled, so the block is not routed yet
 * (calico-facts §2.3: pending affinities count as absent for routing).
 */
final class BlockOwners {
    /** An address of {@code block} allocated to a workload on {@code holder}, another node than the block's. */
    record Borrowed(InetAddress address, IpPrefix block, String owner, String holder) {}

    private final Map<IpPrefix, String> owners;
    private final List<Borrowed> borrowed;

    private BlockOwners(TreeMap<IpPrefix, String> owners, List<Borrowed> borrowed) {
        this.owners = java.util.Collections.unmodifiableMap(owners);
        this.borrowed = List.copyOf(borrowed);
    }

    static BlockOwners of(List<IPAMBlock> blocks, List<BlockAffinity> affinities) {
        Map<String, BlockAffinity.State> claims = new HashMap<>();
        for (BlockAffinity a : affinities) {
            claims.put(key(a.spec().node(), a.spec().cidr()), a.spec().state());
        }
        TreeMap<IpPrefix, String> owners = new TreeMap<>();
        List<Borrowed> borrowed = new ArrayList<>();
        for (IPAMBlock b : blocks) {
            Optional<String> node = b.spec().affineNode();
            if (b.spec().deleted() || node.isEmpty()) {
                continue;
            }
            BlockAffinity.State claim = claims.get(key(node.get(), b.spec().cidr()));
            if (claim != null && claim != BlockAffinity.State.confirmed) {
                continue;
            }
            owners.put(b.spec().cidr(), node.get());
            collectBorrowed(b, node.get(), borrowed);
        }
        return new BlockOwners(owners, borrowed);
    }

    private static void collectBorrowed(IPAMBlock b, String owner, List<Borrowed> into) {
        List<Integer> allocations = b.spec().allocations();
        for (int ordinal = 0; ordinal < allocations.size(); ordinal++) {
            Integer attr = allocations.get(ordinal);
            if (attr == null || attr >= b.spec().attributes().size()) {
                continue;
            }
            String holder = b.spec().attributes().get(attr).secondary().getOrDefault("node", "");
            if (!holder.isEmpty() && !holder.equals(owner)) {
                into.add(new Borrowed(
                        b.spec().cidr().addressAt(ordinal), b.spec().cidr(), owner, holder));
            }
        }
    }

    private static String key(String node, IpPrefix cidr) {
        return node + " " + cidr;
    }

    /** Block → owning node, in prefix order. */
    Map<IpPrefix, String> owners() {
        return owners;
    }

    List<Borrowed> borrowed() {
        return borrowed;
    }
}
