package dev.brindle.agent;

/**
 * Where the agent records which containers hold addresses on its node (the node's record of live attachments, which
 * file-mode GC compares with the blocks): added after an assign succeeds, removed after a release.
 */
public interface Attachments {
    void added(String handle, String containerId, String ifname, String namespace, String pod);

    void removed(String handle);

    /** For tests and for stores that keep no record. */
    Attachments NONE = new Attachments() {
        @Override
        public void added(String handle, String containerId, String ifname, String namespace, String pod) {}

        @Override
        public void removed(String handle) {}
    };
}
