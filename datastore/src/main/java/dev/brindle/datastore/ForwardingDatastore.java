package dev.brindle.datastore;

import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A datastore that hands every call to another one: the base of wrappers that change a few calls (validation before
 * writes, test doubles that count or hold back events) and leave the rest to the store underneath.
 */
public abstract class ForwardingDatastore implements Datastore {
    private final Datastore delegate;

    protected ForwardingDatastore(Datastore delegate) {
        this.delegate = delegate;
    }

    /** The store underneath. */
    protected final Datastore delegate() {
        return delegate;
    }

    @Override
    public <R extends Resource> Optional<R> get(Kind<R> kind, String name) {
        return delegate.get(kind, name);
    }

    @Override
    public <R extends Resource> List<R> list(Kind<R> kind) {
        return delegate.list(kind);
    }

    @Override
    public <R extends Resource> R create(R resource) {
        return delegate.create(resource);
    }

    @Override
    public <R extends Resource> R update(R resource) {
        return delegate.update(resource);
    }

    @Override
    public boolean delete(Kind<?> kind, String name) {
        return delegate.delete(kind, name);
    }

    @Override
    public void delete(Resource resource) {
        delegate.delete(resource);
    }

    @Override
    public <R extends Resource> Watch watch(Kind<R> kind, long fromRevision, Consumer<WatchEvent<R>> listener) {
        return delegate.watch(kind, fromRevision, listener);
    }

    @Override
    public SyncScope deferSync() {
        return delegate.deferSync();
    }

    @Override
    public WriteBatch writeBatch() {
        return delegate.writeBatch();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
