package dev.brindle.datastore.kubernetes.crd;

import dev.brindle.datastore.resource.BGPConfiguration;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code bgpconfigurations.brindle.dev}: {@link BGPConfiguration} in Kubernetes. */
@Group(BrindleCustomResource.GROUP)
@Version(BrindleCustomResource.VERSION)
@Kind("BGPConfiguration")
@Plural("bgpconfigurations")
public final class BGPConfigurationCustomResource extends BrindleCustomResource<BGPConfiguration.Spec> {}
