package dev.brindle.agent.dataplane;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current objects of one kind, kept by a watch. After the watch's initial listing ({@link #synced()}), every
 * change calls {@code onChange} on the watch's thread; it must not block.
 */
public final class KindCache<R extends Resource> implements AutoCloseable {
    private final Kind<R> kind;
    private final Runnable onChange;
    private final Map<String, R> objects = new ConcurrentHashMap<>();
    private volatile boolean synced;
    private Watch watch;

    public KindCache(Kind<R> kind, Runnable onChange) {
        this.kind = kind;
        this.onChange = onChange;
    }

    public KindCache<R> start(Datastore datastore) {
        watch = datastore.watch(kind, 0, this::apply);
        return this;
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

    public boolean synced() {
        return synced;
    }

    /** The objects sorted by name. */
    public List<R> list() {
        return objects.values().stream()
                .sorted(Comparator.comparing(Resource::name))
                .toList();
    }

    public java.util.Optional<R> get(String name) {
        return java.util.Optional.ofNullable(objects.get(name));
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
