package dev.brindle.datastore.kubernetes.crd;

import dev.brindle.datastore.resource.IPAMBlock;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code ipamblocks.brindle.dev}: {@link IPAMBlock} in Kubernetes. */
@Group(BrindleCustomResource.GROUP)
@Version(BrindleCustomResource.VERSION)
@Kind("IPAMBlock")
@Plural("ipamblocks")
public final class IPAMBlockCustomResource extends BrindleCustomResource<IPAMBlock.Spec> {}
