package dev.brindle.datastore.kubernetes;

import dev.brindle.datastore.AlreadyExistsException;
import dev.brindle.datastore.ConflictException;
import dev.brindle.datastore.DatastoreException;
import dev.brindle.datastore.NotFoundException;
import dev.brindle.datastore.resource.Metadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Map;

/**
 * API server answers as datastore exceptions (409 on create is AlreadyExists, 409 on update a lost CAS, 404 gone), and
 * Kubernetes metadata as brindle's.
 */
final class ApiErrors {
    private ApiErrors() {}

    static DatastoreException onCreate(KubernetesClientException e, String what) {
        return e.getCode() == 409 ? new AlreadyExistsException(what + " already exists") : other(e, "create " + what);
    }

    static DatastoreException onUpdate(KubernetesClientException e, String what, long revision) {
        return switch (e.getCode()) {
            case 409 ->
                new ConflictException(
                        what + " changed since revision " + revision + " (HTTP 409); re-read it and retry");
            case 404 -> new NotFoundException(what + " does not exist");
            default -> other(e, "update " + what);
        };
    }

    static DatastoreException other(KubernetesClientException e, String action) {
        return new DatastoreException(
                "kubernetes: cannot " + action + ": HTTP " + e.getCode() + " " + e.getMessage(), e);
    }

    /** brindle metadata from Kubernetes object metadata, with the annotations brindle should see. */
    static Metadata metadataOf(ObjectMeta m, Map<String, String> annotations) {
        return new Metadata(
                m.getName(),
                revisionOf(m.getResourceVersion()),
                m.getUid(),
                m.getCreationTimestamp() == null ? null : Instant.parse(m.getCreationTimestamp()),
                m.getLabels(),
                annotations);
    }

    static long revisionOf(String resourceVersion) {
        try {
            return resourceVersion == null ? 0 : Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            throw new DatastoreException(
                    "kubernetes: resourceVersion '" + resourceVersion
                            + "' is not a number; brindle needs etcd-style numeric resource versions",
                    e);
        }
    }
}
