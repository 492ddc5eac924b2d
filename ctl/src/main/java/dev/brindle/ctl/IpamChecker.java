package dev.brindle.ctl;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import dev.brindle.datastore.resource.WorkloadEndpoint;
import dev.brindle.ipam.Affinity;
import dev.brindle.ipam.AllocationAttributes;
import dev.brindle.ipam.Block;
import dev.brindle.ipam.DatastoreIpamStore;
import dev.brindle.ipam.Handle;
import dev.brindle.ipam.Pool;
import dev.brindle.ipam.Versioned;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ipam check}: compares what IPAM has allocated with what nodes and workloads use, in calicoctl's report order
 * (calico-facts.md §6.4), plus the structure brindle relies on: every handle's counts match its blocks, every block
 * that names a node has that node's confirmed affinity, every affinity names an existing node. Returns the number of
 * problems.
 */
final class IpamChecker {
    private final Datastore ds;
    private final DatastoreIpamStore store;
    private final PrintWriter out;
    private final boolean showProblemIps;
    private int invalidBlocks;

    IpamChecker(Datastore ds, PrintWriter out, boolean showProblemIps) {
        this.ds = ds;
        this.store = new DatastoreIpamStore(ds);
        this.out = out;
        this.showProblemIps = showProblemIps;
    }

    /** One allocation as found in a block. */
    private record Allocation(InetAddress address, AllocationAttributes holder) {}

    int run() {
        out.println("Checking IPAM for inconsistencies...");
        out.println();
        List<Block> blocks = loadBlocks();
        List<Allocation> allocations = allocations(blocks);
        List<Pool> active = loadPools();
        List<Node> nodes = ds.list(Kind.NODE);
        out.println("Loading all nodes.");
        Map<InetAddress, String> tunnelIps = tunnelIps(nodes);
        out.println("Found " + tunnelIps.size() + " node tunnel IPs.");
        out.println("Loading all workload endpoints.");
        Set<InetAddress> workloadIps = workloadIps(nodes, blocks);
        out.println("Found " + workloadIps.size() + " workload IPs.");
        Set<InetAddress> inUse = new HashSet<>(workloadIps);
        inUse.addAll(tunnelIps.keySet());
        out.println("Workloads and nodes are using " + inUse.size() + " IPs.");
        out.println();
        int problems = leaks(allocations, inUse)
                + unallocated(inUse, allocations, active)
                + handles(blocks)
                + affinities(blocks, nodes);
        out.println("Validating IPAMBlock structures...");
        out.println("Found " + invalidBlocks + " invalid IPAMBlocks.");
        problems += invalidBlocks;
        out.println("Check complete; found " + problems + " problems.");
        out.flush();
        return problems;
    }

    private List<Block> loadBlocks() {
        out.println("Loading all IPAM blocks...");
        List<Block> blocks = new ArrayList<>();
        for (var r : ds.list(Kind.IPAM_BLOCK)) {
            try {
                store.block(r.spec().cidr()).map(Versioned::value).ifPresent(blocks::add);
            } catch (IllegalArgumentException e) {
                invalidBlocks++;
                out.println("  invalid IPAM block " + r.name() + ": " + e.getMessage());
            }
        }
        out.println("Found " + blocks.size() + " IPAM blocks.");
        for (Block b : blocks) {
            out.println(" IPAM block " + b.cidr() + " affinity=" + b.affinity().orElse("<none>") + ":");
        }
        return blocks;
    }

    private List<Allocation> allocations(List<Block> blocks) {
        List<Allocation> all = new ArrayList<>();
        for (Block b : blocks) {
            for (int o = 0; o < b.size(); o++) {
                int ordinal = o;
                b.holder(o).ifPresent(h -> all.add(new Allocation(b.addressOf(ordinal), h)));
            }
        }
        out.println("IPAM blocks record " + all.size() + " allocations.");
        out.println();
        return all;
    }

    private List<Pool> loadPools() {
        out.println("Loading all IPAM pools...");
        List<Pool> active = store.pools().stream().filter(p -> !p.disabled()).toList();
        active.forEach(p -> out.println("  " + p.cidr()));
        out.println("Found " + active.size() + " active IP pools.");
        out.println();
        return active;
    }

    private static Map<InetAddress, String> tunnelIps(List<Node> nodes) {
        Map<InetAddress, String> ips = new HashMap<>();
        for (Node n : nodes) {
            if (n.spec().ipv4IPIPTunnelAddr() != null) {
                ips.put(n.spec().ipv4IPIPTunnelAddr(), n.name());
            }
            if (n.spec().ipv4VXLANTunnelAddr() != null) {
                ips.put(n.spec().ipv4VXLANTunnelAddr(), n.name());
            }
        }
        return ips;
    }

    /** Workload endpoints' addresses, and in file mode the addresses of the handles nodes record as attached. */
    private Set<InetAddress> workloadIps(List<Node> nodes, List<Block> blocks) {
        Set<InetAddress> ips = new HashSet<>();
        for (WorkloadEndpoint w : ds.list(Kind.WORKLOAD_ENDPOINT)) {
            w.spec().ipNetworks().forEach(p -> ips.add(p.network()));
        }
        Set<String> attached = new HashSet<>();
        nodes.forEach(n -> n.spec().attachments().forEach(a -> attached.add(a.handleID())));
        for (Block b : blocks) {
            for (int o = 0; o < b.size(); o++) {
                int ordinal = o;
                b.holder(o).filter(h -> attached.contains(h.handle())).ifPresent(h -> ips.add(b.addressOf(ordinal)));
            }
        }
        return ips;
    }

    private int leaks(List<Allocation> allocations, Set<InetAddress> inUse) {
        out.println("Scanning for IPs that are allocated but not actually in use...");
        int n = 0;
        for (Allocation a : allocations) {
            if (!inUse.contains(a.address())) {
                n++;
                if (showProblemIps) {
                    out.println("  " + IpAddresses.format(a.address()) + " leaked; attrs " + a.holder());
                }
            }
        }
        out.println("Found " + n + " IPs that are allocated in IPAM but not actually in use.");
        return n;
    }

    private int unallocated(Set<InetAddress> inUse, List<Allocation> allocations, List<Pool> active) {
        out.println("Scanning for IPs that are in use by a workload or node but not allocated in IPAM...");
        Set<InetAddress> allocated = new HashSet<>();
        allocations.forEach(a -> allocated.add(a.address()));
        int outside = 0;
        int missing = 0;
        for (InetAddress ip : inUse) {
            if (active.stream().noneMatch(p -> p.cidr().contains(ip))) {
                outside++;
            } else if (!allocated.contains(ip)) {
                missing++;
                if (showProblemIps) {
                    out.println("  " + IpAddresses.format(ip) + " in use but not allocated");
                }
            }
        }
        out.println("Found " + outside + " in-use IPs that are not in active IP pools.");
        out.println("Found " + missing
                + " in-use IPs that are in active IP pools but have no corresponding IPAM allocation.");
        out.println();
        return outside + missing;
    }

    private int handles(List<Block> blocks) {
        Map<String, Map<IpPrefix, Integer>> actual = new HashMap<>();
        for (Block b : blocks) {
            for (int o = 0; o < b.size(); o++) {
                b.holder(o)
                        .ifPresent(h -> actual.computeIfAbsent(h.handle(), k -> new HashMap<>())
                                .merge(b.cidr(), 1, Integer::sum));
            }
        }
        out.println("Scanning for IPAM handles with no matching IPs...");
        List<Handle> handles = store.handles().stream().map(Versioned::value).toList();
        int orphaned = 0;
        int drifted = 0;
        for (Handle h : handles) {
            Map<IpPrefix, Integer> truth = actual.getOrDefault(h.id(), Map.of());
            if (truth.isEmpty()) {
                orphaned++;
            } else if (!truth.equals(h.blocks())) {
                drifted++;
            }
        }
        out.println("Found " + orphaned + " handles with no matching IPs (and " + (handles.size() - orphaned)
                + " handles with matches).");
        out.println("Found " + drifted + " handles whose per-block counts disagree with the blocks.");
        out.println("Scanning for IPs with missing handle...");
        Set<String> known = new HashSet<>();
        handles.forEach(h -> known.add(h.id()));
        long missing = actual.keySet().stream().filter(h -> !known.contains(h)).count();
        out.println("Found " + missing + " handles mentioned in blocks with no matching handle resource.");
        return orphaned + drifted + (int) missing;
    }

    private int affinities(List<Block> blocks, List<Node> nodes) {
        out.println("Scanning block affinities...");
        Set<String> nodeNames = new HashSet<>();
        nodes.forEach(n -> nodeNames.add(n.name()));
        Map<String, Affinity> byKey = new HashMap<>();
        store.affinities(null)
                .forEach(a -> byKey.put(a.value().node() + "|" + a.value().cidr(), a.value()));
        int ghostNodes = 0;
        int unconfirmed = 0;
        for (Block b : blocks) {
            if (b.affineNode().isEmpty()) {
                continue;
            }
            String node = b.affineNode().get();
            if (!nodeNames.contains(node)) {
                ghostNodes++;
                out.println("  block " + b.cidr() + " is affine to node " + node + ", which does not exist");
            }
            Affinity a = byKey.remove(node + "|" + b.cidr());
            if (a == null || a.state() != Affinity.State.CONFIRMED) {
                unconfirmed++;
            }
        }
        int stale = byKey.size();
        out.println("Found " + ghostNodes + " blocks whose affinity names a node that does not exist.");
        out.println("Found " + unconfirmed + " blocks whose node has no confirmed affinity to them.");
        out.println("Found " + stale + " block affinities with no block of theirs (left by an interrupted claim or"
                + " release).");
        return ghostNodes + unconfirmed + stale;
    }
}
