package dev.brindle.datastore.kubernetes.crd;

import dev.brindle.datastore.resource.IPAMHandle;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code ipamhandles.brindle.dev}: {@link IPAMHandle} in Kubernetes. */
@Group(BrindleCustomResource.GROUP)
@Version(BrindleCustomResource.VERSION)
@Kind("IPAMHandle")
@Plural("ipamhandles")
public final class IPAMHandleCustomResource extends BrindleCustomResource<IPAMHandle.Spec> {}
