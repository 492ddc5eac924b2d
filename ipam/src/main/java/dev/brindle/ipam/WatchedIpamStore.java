package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.IPAMConfig;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The node agent's warm IPAM state: every IPAM object, pool, node and the IPAM settings held in memory, kept current
 * by watches, so that an allocation reads nothing from the datastore and only writes. Writes go to the datastore
 * (compare-and-swap, as ever) and, when they succeed, into memory at once. A lost compare-and-swap re-reads that one
 * object from the datastore before it is retried, so a watch running behind costs a retry, never a wrong answer.
 */
public final class WatchedIpamStore implements IpamStore, AutoCloseable {
    private final DatastoreIpamStore backing;
    private final WatchedTable<Block> blocks = new WatchedTable<>();
    private final WatchedTable<Affinity> affinities = new WatchedTable<>();
    private final WatchedTable<Handle> handles = new WatchedTable<>();
    private final WatchedTable<Pool> pools = new WatchedTable<>();
    private final WatchedTable<Map<String, String>> nodes = new WatchedTable<>();
    private volatile IpamSettings settings = IpamSettings.DEFAULTS;
    private final List<Watch> watches = new ArrayList<>();
    private final CountDownLatch synced = new CountDownLatch(6);

    private WatchedIpamStore(DatastoreIpamStore backing) {
        this.backing = backing;
    }

    /** Starts the watches and waits until each has delivered the store's current state. */
    public static WatchedIpamStore start(Datastore ds, Duration syncTimeout) throws InterruptedException {
        WatchedIpamStore s = new WatchedIpamStore(new DatastoreIpamStore(ds));
        s.watch(ds, Kind.IPAM_BLOCK, s.blocks, b -> b.spec().cidr().toString(), ResourceMapping::block);
        s.watch(
                ds,
                Kind.BLOCK_AFFINITY,
                s.affinities,
                a -> key(a.spec().node(), a.spec().cidr()),
                ResourceMapping::affinity);
        s.watch(ds, Kind.IPAM_HANDLE, s.handles, h -> h.spec().handleID(), ResourceMapping::handle);
        s.watch(ds, Kind.IPPOOL, s.pools, Resource::name, ResourceMapping::pool);
        s.watch(ds, Kind.NODE, s.nodes, Resource::name, n -> n.metadata().labels());
        s.watches.add(ds.watch(Kind.IPAM_CONFIG, 0, e -> {
            switch (e) {
                case WatchEvent.Added<IPAMConfig> a -> s.settings = ResourceMapping.settings(a.resource());
                case WatchEvent.Modified<IPAMConfig> m -> s.settings = ResourceMapping.settings(m.resource());
                case WatchEvent.Deleted<IPAMConfig> d -> s.settings = IpamSettings.DEFAULTS;
                case WatchEvent.Synced<IPAMConfig> done -> s.synced.countDown();
            }
        }));
        if (!s.synced.await(syncTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            s.close();
            throw new IllegalStateException("the datastore " + ds.describe() + " did not deliver its IPAM state within "
                    + syncTimeout + "; is it reachable?");
        }
        return s;
    }

    private <R extends Resource, V> void watch(
            Datastore ds, Kind<R> kind, WatchedTable<V> table, Function<R, String> key, Function<R, V> map) {
        watches.add(ds.watch(kind, 0, e -> {
            switch (e) {
                case WatchEvent.Added<R> a -> store(table, key.apply(a.resource()), a.resource(), map);
                case WatchEvent.Modified<R> m -> store(table, key.apply(m.resource()), m.resource(), map);
                case WatchEvent.Deleted<R> d -> table.deleted(key.apply(d.resource()), d.revision());
                case WatchEvent.Synced<R> done -> synced.countDown();
            }
            table.prune(e.revision());
        }));
    }

    /** Maps and keeps an object from a watch event, unless it is our own write coming back (mapped already). */
    private static <R extends Resource, V> void store(WatchedTable<V> table, String key, R r, Function<R, V> map) {
        if (!table.holdsAtLeast(key, r.revision())) {
            table.stored(key, versioned(r, map));
        }
    }

    private static <R extends Resource, V> Versioned<V> versioned(R r, Function<R, V> map) {
        return new Versioned<>(map.apply(r), Long.toString(r.revision()));
    }

    private static String key(String node, IpPrefix cidr) {
        return node + "|" + cidr;
    }

    @Override
    public Datastore.SyncScope deferSync() {
        return backing.deferSync();
    }

    @Override
    public Datastore.WriteBatch writeBatch() {
        return backing.writeBatch();
    }

    @Override
    public List<Pool> pools() {
        return pools.values().stream().map(Versioned::value).toList();
    }

    @Override
    public IpamSettings settings() {
        return settings;
    }

    @Override
    public Optional<Map<String, String>> nodeLabels(String node) {
        return nodes.get(node).map(Versioned::value);
    }

    @Override
    public List<String> nodes() {
        return nodes.keys();
    }

    @Override
    public Optional<Versioned<Block>> block(IpPrefix cidr) {
        return blocks.get(cidr.toString());
    }

    @Override
    public List<Versioned<Block>> blocks() {
        return blocks.values();
    }

    @Override
    public Versioned<Block> createBlock(Block block) throws StoreConflictException {
        String k = block.cidr().toString();
        return through(blocks, k, () -> backing.block(block.cidr()), () -> backing.createBlock(block));
    }

    @Override
    public Versioned<Block> updateBlock(Versioned<Block> old, Block block) throws StoreConflictException {
        String k = block.cidr().toString();
        return through(blocks, k, () -> backing.block(block.cidr()), () -> backing.updateBlock(old, block));
    }

    @Override
    public void deleteBlock(Versioned<Block> old) throws StoreConflictException {
        IpPrefix cidr = old.value().cidr();
        gone(blocks, cidr.toString(), old, () -> backing.block(cidr), () -> backing.deleteBlock(old));
    }

    @Override
    public Optional<Versioned<Affinity>> affinity(String node, IpPrefix cidr) {
        return affinities.get(key(node, cidr));
    }

    @Override
    public List<Versioned<Affinity>> affinities(String node) {
        return affinities.values().stream()
                .filter(a -> node == null || node.equals(a.value().node()))
                .toList();
    }

    @Override
    public Versioned<Affinity> createAffinity(Affinity a) throws StoreConflictException {
        return through(
                affinities,
                key(a.node(), a.cidr()),
                () -> backing.affinity(a.node(), a.cidr()),
                () -> backing.createAffinity(a));
    }

    @Override
    public Versioned<Affinity> updateAffinity(Versioned<Affinity> old, Affinity a) throws StoreConflictException {
        return through(
                affinities,
                key(a.node(), a.cidr()),
                () -> backing.affinity(a.node(), a.cidr()),
                () -> backing.updateAffinity(old, a));
    }

    @Override
    public void deleteAffinity(Versioned<Affinity> old) throws StoreConflictException {
        Affinity a = old.value();
        gone(
                affinities,
                key(a.node(), a.cidr()),
                old,
                () -> backing.affinity(a.node(), a.cidr()),
                () -> backing.deleteAffinity(old));
    }

    @Override
    public Optional<Versioned<Handle>> handle(String id) {
        return handles.get(id);
    }

    @Override
    public List<Versioned<Handle>> handles() {
        return handles.values();
    }

    @Override
    public Versioned<Handle> createHandle(Handle h) throws StoreConflictException {
        return through(handles, h.id(), () -> backing.handle(h.id()), () -> backing.createHandle(h));
    }

    @Override
    public Versioned<Handle> updateHandle(Versioned<Handle> old, Handle h) throws StoreConflictException {
        return through(handles, h.id(), () -> backing.handle(h.id()), () -> backing.updateHandle(old, h));
    }

    @Override
    public void deleteHandle(Versioned<Handle> old) throws StoreConflictException {
        String id = old.value().id();
        gone(handles, id, old, () -> backing.handle(id), () -> backing.deleteHandle(old));
    }

    private interface Write<T> {
        T run() throws StoreConflictException;
    }

    private interface Delete {
        void run() throws StoreConflictException;
    }

    private static <V> Versioned<V> through(
            WatchedTable<V> table,
            String key,
            java.util.function.Supplier<Optional<Versioned<V>>> reread,
            Write<Versioned<V>> w)
            throws StoreConflictException {
        try {
            Versioned<V> stored = w.run();
            table.stored(key, stored);
            return stored;
        } catch (StoreConflictException e) {
            table.refresh(key, reread.get());
            throw e;
        }
    }

    private static <V> void gone(
            WatchedTable<V> table,
            String key,
            Versioned<V> old,
            java.util.function.Supplier<Optional<Versioned<V>>> reread,
            Delete d)
            throws StoreConflictException {
        try {
            d.run();
            table.deleted(key, Long.parseLong(old.revision()) + 1);
        } catch (StoreConflictException e) {
            table.refresh(key, reread.get());
            throw e;
        }
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }
}
