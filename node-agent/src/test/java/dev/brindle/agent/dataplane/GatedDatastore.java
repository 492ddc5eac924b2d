package dev.brindle.agent.dataplane;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.ForwardingDatastore;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A datastore whose watches hold back their {@code Synced} event until {@link #release()}: a slow initial sync. */
final class GatedDatastore extends ForwardingDatastore {
    private final List<Runnable> held = new ArrayList<>();
    private boolean released;

    GatedDatastore(Datastore inner) {
        super(inner);
    }

    synchronized void release() {
        released = true;
        held.forEach(Runnable::run);
        held.clear();
    }

    @Override
    public <R extends Resource> Watch watch(Kind<R> kind, long fromRevision, Consumer<WatchEvent<R>> listener) {
        return super.watch(kind, fromRevision, e -> {
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
    public String describe() {
        return "gated " + super.describe();
    }
}
