package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.AlreadyExistsException;
import dev.brindle.datastore.ConflictException;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.NotFoundException;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPAMConfig;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The allocator's store on top of the {@link Datastore}: blocks, affinities and handles are IPAMBlock, BlockAffinity
 * and IPAMHandle resources; pools, settings and node labels are read from IPPool, IPAMConfig and Node. Objects marked
 * {@code deleted} (Kubernetes' two-step delete, calico-facts.md §2.5) are treated as absent.
 */
public final class DatastoreIpamStore implements IpamStore {
    private final Datastore ds;

    public DatastoreIpamStore(Datastore ds) {
        this.ds = ds;
    }

    public Datastore datastore() {
        return ds;
    }

    @Override
    public Datastore.SyncScope deferSync() {
        return ds.deferSync();
    }

    @Override
    public Datastore.WriteBatch writeBatch() {
        return ds.writeBatch();
    }

    @Override
    public List<Pool> pools() {
        return ds.list(Kind.IPPOOL).stream().map(ResourceMapping::pool).toList();
    }

    @Override
    public IpamSettings settings() {
        return ds.get(Kind.IPAM_CONFIG, IPAMConfig.NAME)
                .map(ResourceMapping::settings)
                .orElse(IpamSettings.DEFAULTS);
    }

    @Override
    public Optional<Map<String, String>> nodeLabels(String node) {
        return ds.get(Kind.NODE, node).map(n -> n.metadata().labels());
    }

    @Override
    public List<String> nodes() {
        return ds.list(Kind.NODE).stream().map(Resource::name).toList();
    }

    @Override
    public Optional<Versioned<Block>> block(IpPrefix cidr) {
        return ds.get(Kind.IPAM_BLOCK, IPAMBlock.nameFor(cidr))
                .filter(b -> !b.spec().deleted())
                .map(b -> versioned(b, ResourceMapping::block));
    }

    @Override
    public List<Versioned<Block>> blocks() {
        return ds.list(Kind.IPAM_BLOCK).stream()
                .filter(b -> !b.spec().deleted())
                .map(b -> versioned(b, ResourceMapping::block))
                .toList();
    }

    @Override
    public Versioned<Block> createBlock(Block block) throws StoreConflictException {
        return write(() -> written(block, ds.create(ResourceMapping.block(block, 0))));
    }

    @Override
    public Versioned<Block> updateBlock(Versioned<Block> old, Block block) throws StoreConflictException {
        return write(() -> written(block, ds.update(ResourceMapping.block(block, rev(old)))));
    }

    @Override
    public void deleteBlock(Versioned<Block> old) throws StoreConflictException {
        write(() -> {
            ds.delete(ResourceMapping.block(old.value(), rev(old)));
            return null;
        });
    }

    @Override
    public Optional<Versioned<Affinity>> affinity(String node, IpPrefix cidr) {
        return ds.get(Kind.BLOCK_AFFINITY, BlockAffinity.nameFor(node, cidr))
                .filter(a -> !a.spec().deleted())
                .map(a -> versioned(a, ResourceMapping::affinity));
    }

    @Override
    public List<Versioned<Affinity>> affinities(String node) {
        return ds.list(Kind.BLOCK_AFFINITY).stream()
                .filter(a -> !a.spec().deleted())
                .filter(a -> node == null || node.equals(a.spec().node()))
                .map(a -> versioned(a, ResourceMapping::affinity))
                .toList();
    }

    @Override
    public Versioned<Affinity> createAffinity(Affinity affinity) throws StoreConflictException {
        return write(() -> versioned(ds.create(ResourceMapping.affinity(affinity, 0)), ResourceMapping::affinity));
    }

    @Override
    public Versioned<Affinity> updateAffinity(Versioned<Affinity> old, Affinity affinity)
            throws StoreConflictException {
        return write(
                () -> versioned(ds.update(ResourceMapping.affinity(affinity, rev(old))), ResourceMapping::affinity));
    }

    @Override
    public void deleteAffinity(Versioned<Affinity> old) throws StoreConflictException {
        write(() -> {
            ds.delete(ResourceMapping.affinity(old.value(), rev(old)));
            return null;
        });
    }

    @Override
    public Optional<Versioned<Handle>> handle(String id) {
        return ds.get(Kind.IPAM_HANDLE, IPAMHandle.nameFor(id))
                .filter(h -> !h.spec().deleted())
                .map(h -> versioned(h, ResourceMapping::handle));
    }

    @Override
    public List<Versioned<Handle>> handles() {
        return ds.list(Kind.IPAM_HANDLE).stream()
                .filter(h -> !h.spec().deleted())
                .map(h -> versioned(h, ResourceMapping::handle))
                .toList();
    }

    @Override
    public Versioned<Handle> createHandle(Handle handle) throws StoreConflictException {
        return write(() -> versioned(ds.create(ResourceMapping.handle(handle, 0)), ResourceMapping::handle));
    }

    @Override
    public Versioned<Handle> updateHandle(Versioned<Handle> old, Handle handle) throws StoreConflictException {
        return write(() -> versioned(ds.update(ResourceMapping.handle(handle, rev(old))), ResourceMapping::handle));
    }

    @Override
    public void deleteHandle(Versioned<Handle> old) throws StoreConflictException {
        write(() -> {
            ds.delete(ResourceMapping.handle(old.value(), rev(old)));
            return null;
        });
    }

    private static <R extends Resource, T> Versioned<T> versioned(R r, Function<R, T> map) {
        return new Versioned<>(map.apply(r), Long.toString(r.revision()));
    }

    /**
     * The block just written, at the revision the store gave it: it holds what was written, so it is not mapped back
     * (and checked again) from the stored resource, which on every allocation and release cost as much as the write.
     */
    private static Versioned<Block> written(Block block, IPAMBlock stored) {
        return new Versioned<>(block, Long.toString(stored.revision()));
    }

    private static long rev(Versioned<?> v) {
        return Long.parseLong(v.revision());
    }

    private interface Write<T> {
        T run();
    }

    /** The datastore's lost races (name taken, revision moved, object gone) become the allocator's conflict. */
    private static <T> T write(Write<T> w) throws StoreConflictException {
        try {
            return w.run();
        } catch (ConflictException | AlreadyExistsException | NotFoundException e) {
            throw new StoreConflictException(e.getMessage(), e);
        }
    }
}
