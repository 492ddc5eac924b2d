package dev.brindle.agent.dataplane;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A datastore whose watches hold back their {@code Synced} event until {@link #release()}: a slow initial sync. */
final class GatedDatastore implements Datastore {
    private final Datastore inner;
    private final List<Runnable> held = new ArrayList<>();
    private boolean released;

    GatedDatastore(Datastore inner) {
        this.inner = inner;
    }

    synchronized void release() {
        released = true;
        held.forEach(Runnable::run);
        held.clear();
    }

    @Override
    public <R extends Resource> Watch watch(Kind<R> kind, long fromRevision, Consumer<WatchEvent<R>> listener) {
        return inner.watch(kind, fromRevision, e -> {
            synchronized (this) {
                if (e instanceof WatchEvent.Synced<R> && !released) {
                    held.add(() -> listener.accept(e));
                    return;
                }
            }
            listener.accept(e);
        });
    }

    @Override
    public <R extends Resource> Optional<R> get(Kind<R> kind, String name) {
        return inner.get(kind, name);
    }

    @Override
    public <R extends Resource> List<R> list(Kind<R> kind) {
        return inner.list(kind);
    }

    @Override
    public <R extends Resource> R create(R resource) {
        return inner.create(resource);
    }

    @Override
    public <R extends Resource> R update(R resource) {
        return inner.update(resource);
    }

    @Override
    public boolean delete(Kind<?> kind, String name) {
        return inner.delete(kind, name);
    }

    @Override
    public void delete(Resource resource) {
        inner.delete(resource);
    }

    @Override
    public String describe() {
        return "gated " + inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
