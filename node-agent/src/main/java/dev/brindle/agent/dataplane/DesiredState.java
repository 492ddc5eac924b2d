package dev.brindle.agent.dataplane;

import dev.brindle.core.IpPrefix;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything this node's kernel should hold that brindle owns, plus what BGP should announce and the reasons some of
 * it could not be computed (shown in readiness and logs).
 *
 * @param routes by destination; the kernel keeps one route per destination in the main table for us
 * @param vxlan the {@code vxlan.brindle} device, empty when no pool uses VXLAN (then it is removed)
 * @param tunl0 the {@code tunl0} configuration, empty when no pool uses IPIP (then it is left as it is)
 * @param vteps the remote VTEPs: one permanent neighbour and one permanent FDB entry each
 * @param announcements the prefixes BGP should announce with this node as next hop
 * @param problems what keeps this node's dataplane from being complete, each saying what to do (readiness fails)
 * @param waiting routes held back until another node is ready (no Node record or VTEP yet): logged, not a
 *     readiness failure of this node
 * @param held remote blocks whose route waits for a VTEP (this node's or the owner's) after a mode switch: the route
 *     the kernel has for them stays until the new one can be written, so traffic keeps flowing meanwhile
 */
public record DesiredState(
        SortedMap<IpPrefix, DesiredRoute> routes,
        Optional<VxlanDevice> vxlan,
        Optional<Tunl0Device> tunl0,
        List<VtepPeer> vteps,
        NatRules nat,
        List<IpPrefix> announcements,
        List<String> problems,
        List<String> waiting,
        Set<IpPrefix> held) {
    public DesiredState {
        held = Set.copyOf(held);
        routes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(routes));
        vteps = List.copyOf(vteps);
        announcements = announcements.stream().sorted().distinct().toList();
        problems = List.copyOf(problems);
        waiting = List.copyOf(waiting);
        for (Map.Entry<IpPrefix, DesiredRoute> e : routes.entrySet()) {
            if (!e.getKey().equals(e.getValue().destination())) {
                throw new IllegalArgumentException("route " + e.getValue() + " is filed under " + e.getKey());
            }
        }
    }

    public static final DesiredState EMPTY = new DesiredState(
            new TreeMap<>(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            NatRules.NONE,
            List.of(),
            List.of(),
            List.of(),
            Set.of());

    /** Routes of one kind, for metrics and tests. */
    public long count(RouteKind kind) {
        return routes.values().stream().filter(r -> r.kind() == kind).count();
    }
}
