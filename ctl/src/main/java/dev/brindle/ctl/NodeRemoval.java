package dev.brindle.ctl;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.resource.BGPPeer;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import dev.brindle.datastore.resource.WorkloadEndpoint;
import dev.brindle.ipam.AllocationAttributes;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.DatastoreIpamStore;
import dev.brindle.ipam.IpamStore;
import dev.brindle.ipam.TunnelAddresses;
import dev.brindle.ipam.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Removes a node the way {@code calicoctl delete node} does (calico-facts.md §2): every address held by a handle of
 * the node (its pods' attachments, allocations whose {@code node} attribute names it, its IPIP/VXLAN tunnel addresses)
 * is released, then its block affinities (an emptied block is deleted, one still holding another node's addresses
 * stays without affinity), its node-specific BGPPeers and WorkloadEndpoints, and last its Node record, which is what
 * makes the other agents drop its routes, VTEP and BGP session. Addresses first, record last: a removal cut short is
 * finished by running it again.
 */
final class NodeRemoval {
    /** Written by brindle-node (NodeRecord.HEARTBEAT_ANNOTATION) every minute. */
    static final String HEARTBEAT_ANNOTATION = "node-agent.brindle.dev/heartbeat";
    /** Three missed heartbeats: the agent is taken for dead. */
    static final Duration ALIVE_WITHIN = Duration.ofMinutes(3);

    /** What a removal released and deleted. */
    record Report(int addresses, int affinities, int peers, int endpoints, boolean nodeDeleted) {}

    private final Datastore ds;
    private final Clock clock;

    NodeRemoval(Datastore ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** How long ago the node's agent last refreshed its record, when that is recent enough to think it alive. */
    Optional<Duration> liveAgent(Node node) {
        String stamp = node.metadata().annotations().get(HEARTBEAT_ANNOTATION);
        if (stamp == null) {
            return Optional.empty();
        }
        try {
            Duration age = Duration.between(Instant.parse(stamp), clock.instant());
            return age.compareTo(ALIVE_WITHIN) < 0
                    ? Optional.of(age.isNegative() ? Duration.ZERO : age)
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** True when anything of {@code node} is left: its record, an affinity, or an allocation naming it. */
    boolean anythingOf(String node) {
        IpamStore store = new DatastoreIpamStore(ds);
        return ds.get(Kind.NODE, node).isPresent()
                || !store.affinities(node).isEmpty()
                || !handlesOf(node, Optional.empty(), store).isEmpty();
    }

    Report remove(String node) {
        IpamStore store = new DatastoreIpamStore(ds);
        Allocator allocator = new Allocator(store, clock);
        Optional<Node> record = ds.get(Kind.NODE, node);
        int addresses = 0;
        for (String handle : handlesOf(node, record, store)) {
            addresses += allocator.releaseHandle(handle).size();
        }
        int affinities = 0;
        for (Versioned<dev.brindle.ipam.Affinity> a : store.affinities(node)) {
            IpPrefix cidr = a.value().cidr();
            if (allocator.releaseAffinity(node, cidr, false)) {
                affinities++;
            }
        }
        int peers = 0;
        for (BGPPeer p : ds.list(Kind.BGP_PEER)) {
            if (node.equals(p.spec().node()) && ds.delete(Kind.BGP_PEER, p.name())) {
                peers++;
            }
        }
        int endpoints = 0;
        for (WorkloadEndpoint w : ds.list(Kind.WORKLOAD_ENDPOINT)) {
            if (node.equals(w.spec().node()) && ds.delete(Kind.WORKLOAD_ENDPOINT, w.name())) {
                endpoints++;
            }
        }
        boolean deleted = ds.delete(Kind.NODE, node);
        return new Report(addresses, affinities, peers, endpoints, deleted);
    }

    private static Set<String> handlesOf(String node, Optional<Node> record, IpamStore store) {
        Set<String> handles = new TreeSet<>();
        record.ifPresent(n -> n.spec().attachments().forEach(a -> handles.add(a.handleID())));
        for (Versioned<dev.brindle.ipam.Block> b : store.blocks()) {
            for (AllocationAttributes attrs : b.value().attributes()) {
                if (attrs != null
                        && attrs.handle() != null
                        && node.equals(attrs.secondary().get(AllocationAttributes.NODE))) {
                    handles.add(attrs.handle());
                }
            }
        }
        for (TunnelAddresses.Kind k : TunnelAddresses.Kind.values()) {
            if (store.handle(k.handle(node)).isPresent()) {
                handles.add(k.handle(node));
            }
        }
        return handles;
    }

    static List<String> kindNames() {
        return List.of("node", "nodes", "no");
    }
}
