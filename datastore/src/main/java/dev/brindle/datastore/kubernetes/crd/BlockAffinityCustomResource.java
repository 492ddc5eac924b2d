package dev.brindle.datastore.kubernetes.crd;

import dev.brindle.datastore.resource.BlockAffinity;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code blockaffinities.brindle.dev}: {@link BlockAffinity} in Kubernetes. */
@Group(BrindleCustomResource.GROUP)
@Version(BrindleCustomResource.VERSION)
@Kind("BlockAffinity")
@Plural("blockaffinities")
public final class BlockAffinityCustomResource extends BrindleCustomResource<BlockAffinity.Spec> {}
