package dev.brindle.datastore.kubernetes.crd;

import dev.brindle.datastore.resource.IPAMConfig;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code ipamconfigs.brindle.dev}: {@link IPAMConfig} in Kubernetes. */
@Group(BrindleCustomResource.GROUP)
@Version(BrindleCustomResource.VERSION)
@Kind("IPAMConfig")
@Plural("ipamconfigs")
public final class IPAMConfigCustomResource extends BrindleCustomResource<IPAMConfig.Spec> {}
