package dev.brindle.datastore.kubernetes.crd;

import dev.brindle.datastore.resource.WorkloadEndpoint;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code workloadendpoints.brindle.dev}: {@link WorkloadEndpoint} in Kubernetes. */
@Group(BrindleCustomResource.GROUP)
@Version(BrindleCustomResource.VERSION)
@Kind("WorkloadEndpoint")
@Plural("workloadendpoints")
public final class WorkloadEndpointCustomResource extends BrindleCustomResource<WorkloadEndpoint.Spec> {}
