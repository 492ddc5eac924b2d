package dev.brindle.agent.dataplane;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The datastore objects the dataplane depends on, kept current by one watch per kind. {@link #synced()} turns true
 * once every watch has delivered its initial listing (calico-facts §4.10: the kernel is not touched before that);
 * every change calls {@code onChange}, which must not block.
 */
final class ClusterCache implements AutoCloseable {
    private final Datastore datastore;
    private final Runnable onChange;
    private final KindCache<dev.brindle.datastore.resource.IPPool> pools = new KindCache<>(Kind.IPPOOL);
    private final KindCache<dev.brindle.datastore.resource.IPAMBlock> blocks = new KindCache<>(Kind.IPAM_BLOCK);
    private final KindCache<dev.brindle.datastore.resource.BlockAffinity> affinities =
            new KindCache<>(Kind.BLOCK_AFFINITY);
    private final KindCache<dev.brindle.datastore.resource.Node> nodes = new KindCache<>(Kind.NODE);
    private final List<Watch> watches = new ArrayList<>();

    ClusterCache(Datastore datastore, Runnable onChange) {
        this.datastore = datastore;
        this.onChange = onChange;
    }

    void start() {
        for (KindCache<?> k : List.of(pools, blocks, affinities, nodes)) {
            watches.add(k.watch());
        }
    }

    boolean synced() {
        return pools.synced && blocks.synced && affinities.synced && nodes.synced;
    }

    ClusterSnapshot snapshot() {
        return new ClusterSnapshot(pools.list(), blocks.list(), affinities.list(), nodes.list());
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }

    private final class KindCache<R extends Resource> {
        private final Kind<R> kind;
        private final Map<String, R> objects = new ConcurrentHashMap<>();
        private volatile boolean synced;

        KindCache(Kind<R> kind) {
            this.kind = kind;
        }

        Watch watch() {
            return datastore.watch(kind, 0, this::apply);
        }

        private void apply(WatchEvent<R> event) {
            switch (event) {
                case WatchEvent.Added<R> a -> objects.put(a.resource().name(), a.resource());
                case WatchEvent.Modified<R> m -> objects.put(m.resource().name(), m.resource());
                case WatchEvent.Deleted<R> d -> objects.remove(d.resource().name());
                case WatchEvent.Synced<R> s -> synced = true;
            }
            if (synced) {
                onChange.run();
            }
        }

        List<R> list() {
            return objects.values().stream()
                    .sorted(Comparator.comparing(Resource::name))
                    .toList();
        }
    }
}
