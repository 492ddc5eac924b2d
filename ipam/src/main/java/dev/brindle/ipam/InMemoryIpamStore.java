package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An in-memory {@link IpamStore} with real compare-and-swap semantics: the fake beside the datastore-backed store, for
 * fast tests of the allocator and of what is built on it.
 */
public final class InMemoryIpamStore implements IpamStore {
    private final AtomicLong revision = new AtomicLong();
    private final Table<IpPrefix, Block> blocks = new Table<>(Block::cidr);
    private final Table<String, Affinity> affinities = new Table<>(a -> affinityKey(a.node(), a.cidr()));
    private final Table<String, Handle> handles = new Table<>(Handle::id);
    private final List<Pool> pools = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> nodes = new ConcurrentHashMap<>();
    private volatile IpamSettings settings = IpamSettings.DEFAULTS;

    /** The pools, editable by the test that owns this store. */
    public List<Pool> editablePools() {
        return pools;
    }

    public void putNode(String name, Map<String, String> labels) {
        nodes.put(name, Map.copyOf(labels));
    }

    public void setSettings(IpamSettings settings) {
        this.settings = settings;
    }

    /** One kind of row, keyed by what its value names, with compare-and-swap writes. */
    private final class Table<K, V> {
        private final Function<V, K> keyOf;
        private final Map<K, Versioned<V>> rows = new ConcurrentHashMap<>();

        Table(Function<V, K> keyOf) {
            this.keyOf = keyOf;
        }

        Optional<Versioned<V>> get(K key) {
            return Optional.ofNullable(rows.get(key));
        }

        List<Versioned<V>> all() {
            return List.copyOf(rows.values());
        }

        synchronized Versioned<V> create(V value) throws StoreConflictException {
            K key = keyOf.apply(value);
            if (rows.containsKey(key)) {
                throw new StoreConflictException(key + " exists");
            }
            return put(key, value);
        }

        synchronized Versioned<V> update(Versioned<V> old, V value) throws StoreConflictException {
            K key = keyOf.apply(value);
            requireUnchanged(key, old);
            return put(key, value);
        }

        synchronized void delete(Versioned<V> old) throws StoreConflictException {
            K key = keyOf.apply(old.value());
            requireUnchanged(key, old);
            rows.remove(key);
        }

        private void requireUnchanged(K key, Versioned<V> old) throws StoreConflictException {
            Versioned<V> now = rows.get(key);
            if (now == null || !now.revision().equals(old.revision())) {
                throw new StoreConflictException(key + " changed");
            }
        }

        private Versioned<V> put(K key, V value) {
            Versioned<V> v = new Versioned<>(value, Long.toString(revision.incrementAndGet()));
            rows.put(key, v);
            return v;
        }
    }

    private static String affinityKey(String node, IpPrefix cidr) {
        return node + "|" + cidr;
    }

    @Override
    public List<Pool> pools() {
        return List.copyOf(pools);
    }

    @Override
    public IpamSettings settings() {
        return settings;
    }

    @Override
    public Optional<Map<String, String>> nodeLabels(String node) {
        return Optional.ofNullable(nodes.get(node));
    }

    @Override
    public List<String> nodes() {
        return nodes.keySet().stream().sorted().toList();
    }

    @Override
    public Optional<Versioned<Block>> block(IpPrefix cidr) {
        return blocks.get(cidr);
    }

    @Override
    public List<Versioned<Block>> blocks() {
        return blocks.all();
    }

    @Override
    public Versioned<Block> createBlock(Block block) throws StoreConflictException {
        return blocks.create(block);
    }

    @Override
    public Versioned<Block> updateBlock(Versioned<Block> old, Block block) throws StoreConflictException {
        return blocks.update(old, block);
    }

    @Override
    public void deleteBlock(Versioned<Block> old) throws StoreConflictException {
        blocks.delete(old);
    }

    @Override
    public Optional<Versioned<Affinity>> affinity(String node, IpPrefix cidr) {
        return affinities.get(affinityKey(node, cidr));
    }

    @Override
    public List<Versioned<Affinity>> affinities(String node) {
        return affinities.all().stream()
                .filter(a -> node == null || Objects.equals(a.value().node(), node))
                .toList();
    }

    @Override
    public Versioned<Affinity> createAffinity(Affinity a) throws StoreConflictException {
        return affinities.create(a);
    }

    @Override
    public Versioned<Affinity> updateAffinity(Versioned<Affinity> old, Affinity a) throws StoreConflictException {
        return affinities.update(old, a);
    }

    @Override
    public void deleteAffinity(Versioned<Affinity> old) throws StoreConflictException {
        affinities.delete(old);
    }

    @Override
    public Optional<Versioned<Handle>> handle(String id) {
        return handles.get(id);
    }

    @Override
    public List<Versioned<Handle>> handles() {
        return handles.all();
    }

    @Override
    public Versioned<Handle> createHandle(Handle handle) throws StoreConflictException {
        return handles.create(handle);
    }

    @Override
    public Versioned<Handle> updateHandle(Versioned<Handle> old, Handle handle) throws StoreConflictException {
        return handles.update(old, handle);
    }

    @Override
    public void deleteHandle(Versioned<Handle> old) throws StoreConflictException {
        handles.delete(old);
    }
}
