package dev.brindle.datastore.kubernetes.crd;

import dev.brindle.datastore.resource.IPPool;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code ippools.brindle.dev}: {@link IPPool} in Kubernetes. */
@Group(BrindleCustomResource.GROUP)
@Version(BrindleCustomResource.VERSION)
@Kind("IPPool")
@Plural("ippools")
public final class IPPoolCustomResource extends BrindleCustomResource<IPPool.Spec> {}
