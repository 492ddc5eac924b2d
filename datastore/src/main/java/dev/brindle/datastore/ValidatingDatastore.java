package dev.brindle.datastore;

import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.IPPoolRules;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies the rules that span objects before writes reach a backend, as Calico's clientv3 does above its backends:
 * a new IPPool must not overlap another nor disagree with the size of blocks left in its range, an IPPool edit must
 * keep cidr and blockSize. Two writers racing can both pass
 * (Calico has the same window); the allocator never hands out an address twice regardless.
 */
final class ValidatingDatastore implements Datastore {
    private final Datastore backend;

    ValidatingDatastore(Datastore backend) {
        this.backend = backend;
    }

    @Override
    public <R extends Resource> Optional<R> get(Kind<R> kind, String name) {
        return backend.get(kind, name);
    }

    @Override
    public <R extends Resource> List<R> list(Kind<R> kind) {
        return backend.list(kind);
    }

    @Override
    public <R extends Resource> R create(R resource) {
        if (resource instanceof IPPool pool) {
            IPPoolRules.checkCreate(pool, backend.list(Kind.IPPOOL), backend.list(Kind.IPAM_BLOCK));
        }
        return backend.create(resource);
    }

    @Override
    public <R extends Resource> R update(R resource) {
        if (resource instanceof IPPool pool) {
            backend.get(Kind.IPPOOL, pool.name()).ifPresent(old -> IPPoolRules.checkUpdate(old, pool));
        }
        return backend.update(resource);
    }

    @Override
    public boolean delete(Kind<?> kind, String name) {
        return backend.delete(kind, name);
    }

    @Override
    public void delete(Resource resource) {
        backend.delete(resource);
    }

    @Override
    public <R extends Resource> Watch watch(Kind<R> kind, long fromRevision, Consumer<WatchEvent<R>> listener) {
        return backend.watch(kind, fromRevision, listener);
    }

    @Override
    public SyncScope deferSync() {
        return backend.deferSync();
    }

    @Override
    public String describe() {
        return backend.describe();
    }

    @Override
    public void close() {
        backend.close();
    }
}
