package dev.brindle.datastore.kubernetes;

import dev.brindle.datastore.DatastoreException;
import dev.brindle.datastore.SafeListener;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A watch on an informer (list, then watch, re-listing on its own after errors). The informer calls the handler on
 * one thread, in the order of the API server's events. {@code Synced} is delivered once every object of the initial
 * list was delivered. An object the converter rejects counts as absent, so a core Node gaining or losing brindle's
 * annotations is an Added or a Deleted.
 */
final class InformerWatch<T extends HasMetadata, R extends Resource> implements Watch, ResourceEventHandler<T> {
    private static final long START_TIMEOUT_SECONDS = 60;

    private final SharedIndexInformer<T> informer;
    private final Function<T, Optional<R>> convert;
    private final long fromRevision;
    private final Consumer<WatchEvent<R>> listener;
    private final Set<String> deliveredBeforeSync = new HashSet<>();
    private Set<String> awaitingSync;
    private volatile boolean closed;

    private InformerWatch(
            SharedIndexInformer<T> informer,
            Function<T, Optional<R>> convert,
            long fromRevision,
            Consumer<WatchEvent<R>> listener) {
        this.informer = informer;
        this.convert = convert;
        this.fromRevision = fromRevision;
        this.listener = SafeListener.of(listener, informer.getApiTypeClass().getSimpleName());
    }

    static <T extends HasMetadata, R extends Resource> Watch start(
            SharedIndexInformer<T> informer,
            Function<T, Optional<R>> convert,
            long fromRevision,
            Consumer<WatchEvent<R>> listener) {
        var watch = new InformerWatch<>(informer, convert, fromRevision, listener);
        informer.addEventHandler(watch);
        try {
            informer.start().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            informer.close();
            throw new DatastoreException("interrupted while starting a watch", e);
        } catch (ExecutionException | TimeoutException e) {
            informer.close();
            throw new DatastoreException("kubernetes: cannot start a watch: " + e.getMessage(), e);
        }
        watch.initialListDone();
        return watch;
    }

    private synchronized void initialListDone() {
        Set<String> initial = new HashSet<>();
        for (T t : informer.getStore().list()) {
            convert.apply(t).filter(this::isNew).ifPresent(r -> initial.add(r.name()));
        }
        initial.removeAll(deliveredBeforeSync);
        awaitingSync = initial;
        syncIfComplete();
    }

    private void syncIfComplete() {
        if (awaitingSync != null && awaitingSync.isEmpty()) {
            awaitingSync = null;
            emit(new WatchEvent.Synced<>(
                    Math.max(fromRevision, ApiErrors.revisionOf(informer.lastSyncResourceVersion()))));
        }
    }

    private void seen(String name) {
        if (awaitingSync == null) {
            deliveredBeforeSync.add(name);
        } else if (awaitingSync.remove(name)) {
            syncIfComplete();
        }
    }

    private boolean isNew(R r) {
        return r.revision() > fromRevision;
    }

    @Override
    public synchronized void onAdd(T obj) {
        convert.apply(obj).filter(this::isNew).ifPresent(r -> {
            emit(new WatchEvent.Added<>(r));
            seen(r.name());
        });
    }

    @Override
    public synchronized void onUpdate(T oldObj, T newObj) {
        if (Objects.equals(
                oldObj.getMetadata().getResourceVersion(), newObj.getMetadata().getResourceVersion())) {
            return; // a resync, not a change
        }
        Optional<R> before = convert.apply(oldObj);
        Optional<R> after = convert.apply(newObj);
        if (after.isPresent() && isNew(after.get())) {
            emit(before.isPresent() ? new WatchEvent.Modified<>(after.get()) : new WatchEvent.Added<>(after.get()));
            seen(after.get().name());
        } else if (before.isPresent() && after.isEmpty()) {
            long revision = ApiErrors.revisionOf(newObj.getMetadata().getResourceVersion());
            R last = before.get();
            @SuppressWarnings("unchecked")
            R gone = (R) last.withMetadata(last.metadata().withRevision(revision));
            emit(new WatchEvent.Deleted<>(gone));
            seen(last.name());
        }
    }

    @Override
    public synchronized void onDelete(T obj, boolean deletedFinalStateUnknown) {
        convert.apply(obj).ifPresent(r -> {
            emit(new WatchEvent.Deleted<>(r));
            seen(r.name());
        });
    }

    private void emit(WatchEvent<R> event) {
        if (!closed) {
            listener.accept(event);
        }
    }

    @Override
    public void close() {
        closed = true;
        informer.close();
    }
}
