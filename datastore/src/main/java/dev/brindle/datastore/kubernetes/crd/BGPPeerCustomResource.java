package dev.brindle.datastore.kubernetes.crd;

import dev.brindle.datastore.resource.BGPPeer;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code bgppeers.brindle.dev}: {@link BGPPeer} in Kubernetes. */
@Group(BrindleCustomResource.GROUP)
@Version(BrindleCustomResource.VERSION)
@Kind("BGPPeer")
@Plural("bgppeers")
public final class BGPPeerCustomResource extends BrindleCustomResource<BGPPeer.Spec> {}
