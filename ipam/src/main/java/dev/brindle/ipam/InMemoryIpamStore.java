package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory {@link IpamStore} with real compare-and-swap semantics: the fake beside the datastore-backed store, for
 * fast tests of the allocator and of what is built on it.
 */
public final class InMemoryIpamStore implements IpamStore {
    private final AtomicLong revision = new AtomicLong();
    private final Table<IpPrefix, Block> blocks = new Table<>();
    private final Table<String, Affinity> affinities = new Table<>();
    private final Table<String, Handle> handles = new Table<>();
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

    private final class Table<K, V> {
        private final Map<K, Versioned<V>> rows = new ConcurrentHashMap<>();

        synchronized Versioned<V> create(K key, V value) throws StoreConflictException {
            if (rows.containsKey(key)) {
                throw new StoreConflictException(key + " exists");
            }
            return put(key, value);
        }

        synchronized Versioned<V> update(K key, Versioned<V> old, V value) throws StoreConflictException {
            Versioned<V> now = rows.get(key);
            if (now == null || !now.revision().equals(old.revision())) {
                throw new StoreConflictException(key + " changed");
            }
            return put(key, value);
        }

        synchronized void delete(K key, Versioned<V> old) throws StoreConflictException {
            Versioned<V> now = rows.get(key);
            if (now == null || !now.revision().equals(old.revision())) {
                throw new StoreConflictException(key + " changed");
            }
            rows.remove(key);
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
        return Optional.ofNullable(blocks.rows.get(cidr));
    }

    @Override
    public List<Versioned<Block>> blocks() {
        return List.copyOf(blocks.rows.values());
    }

    @Override
    public Versioned<Block> createBlock(Block block) throws StoreConflictException {
        return blocks.create(block.cidr(), block);
    }

    @Override
    public Versioned<Block> updateBlock(Versioned<Block> old, Block block) throws StoreConflictException {
        return blocks.update(block.cidr(), old, block);
    }

    @Override
    public void deleteBlock(Versioned<Block> old) throws StoreConflictException {
        blocks.delete(old.value().cidr(), old);
    }

    @Override
    public Optional<Versioned<Affinity>> affinity(String node, IpPrefix cidr) {
        return Optional.ofNullable(affinities.rows.get(affinityKey(node, cidr)));
    }

    @Override
    public List<Versioned<Affinity>> affinities(String node) {
        return affinities.rows.values().stream()
                .filter(a -> node == null || Objects.equals(a.value().node(), node))
                .toList();
    }

    @Override
    public Versioned<Affinity> createAffinity(Affinity a) throws StoreConflictException {
        return affinities.create(affinityKey(a.node(), a.cidr()), a);
    }

    @Override
    public Versioned<Affinity> updateAffinity(Versioned<Affinity> old, Affinity a) throws StoreConflictException {
        return affinities.update(affinityKey(a.node(), a.cidr()), old, a);
    }

    @Override
    public void deleteAffinity(Versioned<Affinity> old) throws StoreConflictException {
        affinities.delete(affinityKey(old.value().node(), old.value().cidr()), old);
    }

    @Override
    public Optional<Versioned<Handle>> handle(String id) {
        return Optional.ofNullable(handles.rows.get(id));
    }

    @Override
    public List<Versioned<Handle>> handles() {
        return List.copyOf(handles.rows.values());
    }

    @Override
    public Versioned<Handle> createHandle(Handle handle) throws StoreConflictException {
        return handles.create(handle.id(), handle);
    }

    @Override
    public Versioned<Handle> updateHandle(Versioned<Handle> old, Handle handle) throws StoreConflictException {
        return handles.update(handle.id(), old, handle);
    }

    @Override
    public void deleteHandle(Versioned<Handle> old) throws StoreConflictException {
        handles.delete(old.value().id(), old);
    }
}
