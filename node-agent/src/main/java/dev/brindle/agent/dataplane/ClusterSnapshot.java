package dev.brindle.agent.dataplane;

import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Node;
import java.util.List;

/** The datastore objects the dataplane is computed from, as one consistent view. */
public record ClusterSnapshot(
        List<IPPool> pools, List<IPAMBlock> blocks, List<BlockAffinity> affinities, List<Node> nodes) {
    public static final ClusterSnapshot EMPTY = new ClusterSnapshot(List.of(), List.of(), List.of(), List.of());

    public ClusterSnapshot {
        pools = List.copyOf(pools);
        blocks = List.copyOf(blocks);
        affinities = List.copyOf(affinities);
        nodes = List.copyOf(nodes);
    }
}
