package dev.brindle.datastore.kubernetes.crd;

import io.fabric8.kubernetes.client.CustomResource;

/**
 * A brindle resource as a Kubernetes custom resource in API group {@code brindle.dev/v1}: cluster-scoped, with the
 * brindle record as its spec and no status. One subclass per kind (the CRD generator reads them).
 */
public abstract class BrindleCustomResource<S extends Record> extends CustomResource<S, Void> {
    public static final String GROUP = "brindle.dev";
    public static final String VERSION = "v1";
}
