package dev.brindle.agent;

import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.GarbageCollector;

/**
 * One periodic IPAM GC pass of this node: {@link GarbageCollector#runOnce}, then every handle it emptied is dropped
 * from the node's attachment record, as the CNI DEL that never ran would have done. Without that, in Kubernetes mode
 * (where the pod, not the record, decides) the record would keep listing pods that are long gone.
 */
final class NodeGc {
    private final GarbageCollector gc;
    private final Allocator allocator;
    private final Attachments attachments;
    private final String node;

    NodeGc(GarbageCollector gc, Allocator allocator, Attachments attachments, String node) {
        this.gc = gc;
        this.allocator = allocator;
        this.attachments = attachments;
        this.node = node;
    }

    GarbageCollector.Report run() {
        GarbageCollector.Report report = gc.runOnce(node);
        for (String handle : report.releasedHandles()) {
            if (allocator.addressesOf(handle).isEmpty()) {
                attachments.removed(handle);
            }
        }
        return report;
    }
}
