package dev.brindle.agent;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import dev.brindle.datastore.resource.WorkloadEndpoint;
import dev.brindle.ipam.AllocationAttributes;
import dev.brindle.ipam.Liveness;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Liveness for GC from brindle's own records (calico-facts.md §2.8 adapted): an allocation is live while the node's
 * record of attachments lists its handle, or a WorkloadEndpoint on this node names its container or holds its
 * address. All of it in file mode; in Kubernetes mode only for allocations that name no pod ({@link PodLiveness}).
 */
public final class AttachmentLiveness implements Supplier<Liveness> {
    private final Datastore ds;
    private final String node;

    public AttachmentLiveness(Datastore ds, String node) {
        this.ds = ds;
        this.node = node;
    }

    /** A snapshot of what is attached now, for one GC run. */
    @Override
    public Liveness get() {
        Set<String> handles = new HashSet<>();
        ds.get(Kind.NODE, node)
                .ifPresent(n -> n.spec().attachments().stream()
                        .map(Node.Attachment::handleID)
                        .forEach(handles::add));
        List<WorkloadEndpoint.Spec> weps = ds.list(Kind.WORKLOAD_ENDPOINT).stream()
                .map(WorkloadEndpoint::spec)
                .filter(w -> node.equals(w.node()))
                .toList();
        return (holder, address) -> handles.contains(holder.handle())
                || weps.stream()
                        .anyMatch(w -> holder.secondary()
                                        .getOrDefault(AllocationAttributes.CONTAINER_ID, "\0")
                                        .equals(w.containerID())
                                || w.ipNetworks().stream().anyMatch(p -> p.contains(address)));
    }
}
