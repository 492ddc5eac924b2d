package dev.brindle.datastore.resource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Object metadata as Kubernetes has it. {@code revision} is the store's revision of the last write to this object (0
 * for an object not stored yet); updates and deletes compare it (compare-and-swap).
 */
public record Metadata(
        String name,
        long revision,
        String uid,
        Instant creationTimestamp,
        Map<String, String> labels,
        Map<String, String> annotations) {
    /** A DNS-1123 subdomain, what Kubernetes requires of cluster-scoped object names; also safe as a file name. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    public Metadata {
        if (name == null || name.length() > 253 || !NAME.matcher(name).matches()) {
            throw new ValidationException(
                    "metadata",
                    List.of(new FieldError(
                            "metadata.name",
                            "must be a lowercase DNS subdomain (a-z, 0-9, '-', '.', at most 253 characters), got "
                                    + (name == null ? "nothing" : "'" + name + "'"))));
        }
        if (revision < 0) {
            throw new IllegalArgumentException("metadata.revision must not be negative, got " + revision);
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** Metadata for a new object: just a name. */
    public static Metadata named(String name) {
        return new Metadata(name, 0, null, null, Map.of(), Map.of());
    }

    public Metadata withRevision(long newRevision) {
        return new Metadata(name, newRevision, uid, creationTimestamp, labels, annotations);
    }

    public Metadata withLabels(Map<String, String> newLabels) {
        return new Metadata(name, revision, uid, creationTimestamp, newLabels, annotations);
    }

    public Metadata withAnnotations(Map<String, String> newAnnotations) {
        return new Metadata(name, revision, uid, creationTimestamp, labels, newAnnotations);
    }

    /** The fields a store sets when it first stores an object. */
    public Metadata stored(long newRevision, String newUid, Instant created) {
        return new Metadata(name, newRevision, newUid, created, labels, annotations);
    }
}
