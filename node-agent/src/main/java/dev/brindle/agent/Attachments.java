package dev.brindle.agent;

import dev.brindle.datastore.resource.Node;
import java.util.Map;
import java.util.Optional;

/**
 * Where the agent records which containers hold addresses on its node (the node's record of live attachments, which
 * file-mode GC compares with the blocks): added after an assign succeeds, removed after a release.
 */
public interface Attachments {
    /** Records several changes at once: per handle, its attachment now, or empty when it was detached. */
    void record(Map<String, Optional<Node.Attachment>> changes);

    default void added(String handle, String containerId, String ifname, String namespace, String pod) {
        record(Map.of(handle, Optional.of(new Node.Attachment(handle, containerId, ifname, namespace, pod))));
    }

    default void removed(String handle) {
        record(Map.of(handle, Optional.empty()));
    }

    /** For tests and for stores that keep no record. */
    Attachments NONE = changes -> {};
}
