package dev.brindle.datastore.resource;

/** A stored object: metadata plus a kind-specific spec. The closed set of kinds brindle stores. */
public sealed interface Resource
        permits IPPool,
                IPAMBlock,
                BlockAffinity,
                IPAMHandle,
                IPAMConfig,
                Node,
                BGPConfiguration,
                BGPPeer,
                WorkloadEndpoint {
    Metadata metadata();

    Record spec();

    Kind<?> kind();

    /** The same object with other metadata (a store sets revision, uid and creation time). */
    Resource withMetadata(Metadata metadata);

    default String name() {
        return metadata().name();
    }

    default long revision() {
        return metadata().revision();
    }
}
