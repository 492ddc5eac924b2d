package dev.brindle.agent.dataplane;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import java.util.List;

/**
 * The datastore objects the dataplane depends on, one watch per kind. {@link #synced()} turns true once every watch
 * has delivered its initial listing (calico-facts §4.10: the kernel is not touched before that).
 */
final class ClusterCache implements AutoCloseable {
    private final Datastore datastore;
    private final KindCache<IPPool> pools;
    private final KindCache<IPAMBlock> blocks;
    private final KindCache<BlockAffinity> affinities;
    private final KindCache<Node> nodes;

    ClusterCache(Datastore datastore, Runnable onChange) {
        this.datastore = datastore;
        this.pools = new KindCache<>(Kind.IPPOOL, onChange);
        this.blocks = new KindCache<>(Kind.IPAM_BLOCK, onChange);
        this.affinities = new KindCache<>(Kind.BLOCK_AFFINITY, onChange);
        this.nodes = new KindCache<>(Kind.NODE, onChange);
    }

    void start() {
        for (KindCache<?> k : List.of(pools, blocks, affinities, nodes)) {
            k.start(datastore);
        }
    }

    boolean synced() {
        return pools.synced() && blocks.synced() && affinities.synced() && nodes.synced();
    }

    ClusterSnapshot snapshot() {
        return new ClusterSnapshot(pools.list(), blocks.list(), affinities.list(), nodes.list());
    }

    @Override
    public void close() {
        for (KindCache<?> k : List.of(pools, blocks, affinities, nodes)) {
            k.close();
        }
    }
}
