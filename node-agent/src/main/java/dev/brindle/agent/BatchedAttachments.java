package dev.brindle.agent;

import dev.brindle.datastore.resource.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The attachment changes of one batch of requests ({@code BatchedRequests}), recorded in one write when the batch
 * ends, before its sync and before any caller of the batch is answered. The node's record lists every pod on the node:
 * written for each request, a node with 100 pods rewrote ~23 KB of it per ADD and per DEL, more journal bytes than the
 * IPAM writes themselves. A crash before the write leaves allocations without attachments, as a crash between an
 * allocation and its attachment always could: GC frees them after its grace period.
 */
final class BatchedAttachments implements Attachments {
    private final Attachments record;
    /** Per handle, its newest change in this batch, in the order handles were first changed. */
    private final Map<String, Optional<Node.Attachment>> changes = new LinkedHashMap<>();

    BatchedAttachments(Attachments record) {
        this.record = record;
    }

    @Override
    public synchronized void record(Map<String, Optional<Node.Attachment>> batch) {
        changes.putAll(batch);
    }

    /**
     * Writes the changes held, if any. They are kept when the write fails: its exception fails the batch's callers
     * when it ends the batch, and the next flush writes them, so that no pod that got its address goes unrecorded (GC
     * would take the address of a pod it believes gone).
     */
    synchronized void flush() {
        if (changes.isEmpty()) {
            return;
        }
        record.record(new LinkedHashMap<>(changes));
        changes.clear();
    }
}
