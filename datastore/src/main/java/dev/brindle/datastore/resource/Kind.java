package dev.brindle.datastore.resource;

import java.util.List;
import java.util.Optional;

/** A resource kind: its name as in {@code kind:}, its plural (directory and CRD plural) and its record type. */
public record Kind<R extends Resource>(String name, String plural, Class<R> type, Class<? extends Record> specType) {
    public static final Kind<IPPool> IPPOOL = new Kind<>("IPPool", "ippools", IPPool.class, IPPool.Spec.class);
    public static final Kind<IPAMBlock> IPAM_BLOCK =
            new Kind<>("IPAMBlock", "ipamblocks", IPAMBlock.class, IPAMBlock.Spec.class);
    public static final Kind<BlockAffinity> BLOCK_AFFINITY =
            new Kind<>("BlockAffinity", "blockaffinities", BlockAffinity.class, BlockAffinity.Spec.class);
    public static final Kind<IPAMHandle> IPAM_HANDLE =
            new Kind<>("IPAMHandle", "ipamhandles", IPAMHandle.class, IPAMHandle.Spec.class);
    public static final Kind<IPAMConfig> IPAM_CONFIG =
            new Kind<>("IPAMConfig", "ipamconfigs", IPAMConfig.class, IPAMConfig.Spec.class);
    public static final Kind<Node> NODE = new Kind<>("Node", "nodes", Node.class, Node.Spec.class);
    public static final Kind<BGPConfiguration> BGP_CONFIGURATION =
            new Kind<>("BGPConfiguration", "bgpconfigurations", BGPConfiguration.class, BGPConfiguration.Spec.class);
    public static final Kind<BGPPeer> BGP_PEER = new Kind<>("BGPPeer", "bgppeers", BGPPeer.class, BGPPeer.Spec.class);
    public static final Kind<WorkloadEndpoint> WORKLOAD_ENDPOINT =
            new Kind<>("WorkloadEndpoint", "workloadendpoints", WorkloadEndpoint.class, WorkloadEndpoint.Spec.class);

    public static final String API_VERSION = "brindle.dev/v1";

    public static List<Kind<?>> all() {
        return List.of(
                IPPOOL,
                IPAM_BLOCK,
                BLOCK_AFFINITY,
                IPAM_HANDLE,
                IPAM_CONFIG,
                NODE,
                BGP_CONFIGURATION,
                BGP_PEER,
                WORKLOAD_ENDPOINT);
    }

    /** The kind with this {@code kind:} name, or its plural. */
    public static Optional<Kind<?>> named(String name) {
        return all().stream()
                .filter(k -> k.name.equals(name) || k.plural.equals(name))
                .findFirst();
    }

    /** Builds a resource of this kind from metadata and a spec of the right type. */
    public R create(Metadata metadata, Record spec) {
        Resource r = switch (name) {
            case "IPPool" -> new IPPool(metadata, (IPPool.Spec) spec);
            case "IPAMBlock" -> new IPAMBlock(metadata, (IPAMBlock.Spec) spec);
            case "BlockAffinity" -> new BlockAffinity(metadata, (BlockAffinity.Spec) spec);
            case "IPAMHandle" -> new IPAMHandle(metadata, (IPAMHandle.Spec) spec);
            case "IPAMConfig" -> new IPAMConfig(metadata, (IPAMConfig.Spec) spec);
            case "Node" -> new Node(metadata, (Node.Spec) spec);
            case "BGPConfiguration" -> new BGPConfiguration(metadata, (BGPConfiguration.Spec) spec);
            case "BGPPeer" -> new BGPPeer(metadata, (BGPPeer.Spec) spec);
            case "WorkloadEndpoint" -> new WorkloadEndpoint(metadata, (WorkloadEndpoint.Spec) spec);
            default -> throw new IllegalStateException("unknown kind " + name);
        };
        return type.cast(r);
    }

    public R cast(Resource resource) {
        return type.cast(resource);
    }

    @Override
    public String toString() {
        return name;
    }
}
