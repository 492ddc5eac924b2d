package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allocator's narrow view of the datastore. Every write is a compare-and-swap: {@code create} fails with {@link
 * StoreConflictException} when the object exists, {@code update}/{@code delete} when its revision moved on.
 */
public interface IpamStore {
    /**
     * Until the returned scope closes, this thread's writes do not wait for the disk one by one; closing waits once
     * for all of them ({@link Datastore#deferSync}). The allocator's writes are ordered so that a crash between any two
     * leaves a state GC repairs, which is all a lost tail of them can leave.
     */
    default Datastore.SyncScope deferSync() {
        return () -> {};
    }

    /** Until the returned scope closes, this thread's writes take the store's lock once ({@link Datastore#writeBatch}). */
    default Datastore.WriteBatch writeBatch() {
        return () -> {};
    }

    List<Pool> pools();

    IpamSettings settings();

    /** The labels of a registered node, or empty when the node does not exist. */
    Optional<Map<String, String>> nodeLabels(String node);

    List<String> nodes();

    Optional<Versioned<Block>> block(IpPrefix cidr);

    List<Versioned<Block>> blocks();

    Versioned<Block> createBlock(Block block) throws StoreConflictException;

    Versioned<Block> updateBlock(Versioned<Block> old, Block block) throws StoreConflictException;

    void deleteBlock(Versioned<Block> old) throws StoreConflictException;

    Optional<Versioned<Affinity>> affinity(String node, IpPrefix cidr);

    /** Every affinity, or only {@code node}'s when it is not null. */
    List<Versioned<Affinity>> affinities(String node);

    Versioned<Affinity> createAffinity(Affinity affinity) throws StoreConflictException;

    Versioned<Affinity> updateAffinity(Versioned<Affinity> old, Affinity affinity) throws StoreConflictException;

    void deleteAffinity(Versioned<Affinity> old) throws StoreConflictException;

    Optional<Versioned<Handle>> handle(String id);

    List<Versioned<Handle>> handles();

    Versioned<Handle> createHandle(Handle handle) throws StoreConflictException;

    Versioned<Handle> updateHandle(Versioned<Handle> old, Handle handle) throws StoreConflictException;

    void deleteHandle(Versioned<Handle> old) throws StoreConflictException;
}
