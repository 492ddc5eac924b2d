package dev.brindle.datastore.journal;

import dev.brindle.datastore.resource.Resource;

/**
 * One committed write: its revision, what happened, and the object as it is after it (for a delete: its last state,
 * carrying the delete's revision).
 */
public record Change(long revision, Type type, Resource resource) {
    public enum Type {
        ADDED,
        MODIFIED,
        DELETED
    }

    public Change {
        if (resource.revision() != revision) {
            throw new IllegalArgumentException("change " + revision + " carries " + resource.kind() + " "
                    + resource.name() + " at revision " + resource.revision());
        }
    }
}
