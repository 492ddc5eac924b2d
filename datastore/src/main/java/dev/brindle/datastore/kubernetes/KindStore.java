package dev.brindle.datastore.kubernetes;

import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.Resource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The datastore operations for one kind, over whatever Kubernetes object holds it. */
interface KindStore<R extends Resource> {
    Optional<R> get(String name);

    List<R> list();

    R create(R resource);

    R update(R resource);

    boolean delete(String name);

    void delete(R resource);

    Watch watch(long fromRevision, Consumer<WatchEvent<R>> listener);
}
