package dev.brindle.datastore.kubernetes;

import dev.brindle.datastore.ConflictException;
import dev.brindle.datastore.NotFoundException;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.kubernetes.crd.BrindleCustomResource;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.datastore.resource.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A kind stored as its own custom resource; compare-and-swap is the API server's resourceVersion check. */
final class CustomResourceStore<R extends Resource, C extends BrindleCustomResource<Record>> implements KindStore<R> {
    private final Kind<R> kind;
    private final MixedOperation<C, KubernetesResourceList<C>, io.fabric8.kubernetes.client.dsl.Resource<C>> api;
    private final Supplier<C> factory;

    @SuppressWarnings({"unchecked", "rawtypes"})
    CustomResourceStore(KubernetesClient client, Kind<R> kind, Class<? extends BrindleCustomResource<?>> type) {
        this.kind = kind;
        this.api = (MixedOperation) client.resources(type);
        this.factory = () -> {
            try {
                return (C) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Override
    public Optional<R> get(String name) {
        try {
            return Optional.ofNullable(api.withName(name).get()).map(this::toResource);
        } catch (KubernetesClientException e) {
            throw ApiErrors.other(e, "get " + kind + " " + name);
        }
    }

    @Override
    public List<R> list() {
        try {
            return api.list().getItems().stream()
                    .map(this::toResource)
                    .sorted(Comparator.comparing(Resource::name))
                    .toList();
        } catch (KubernetesClientException e) {
            throw ApiErrors.other(e, "list " + kind.plural());
        }
    }

    @Override
    public R create(R resource) {
        C cr = toCustomResource(resource);
        cr.getMetadata().setResourceVersion(null);
        try {
            return toResource(api.resource(cr).create());
        } catch (KubernetesClientException e) {
            throw ApiErrors.onCreate(e, kind + " " + resource.name());
        }
    }

    @Override
    public R update(R resource) {
        if (resource.revision() == 0) {
            throw new IllegalArgumentException("update needs the revision the change is based on; " + kind + " "
                    + resource.name() + " has none (use create, or apply)");
        }
        try {
            return toResource(api.resource(toCustomResource(resource)).update());
        } catch (KubernetesClientException e) {
            throw ApiErrors.onUpdate(e, kind + " " + resource.name(), resource.revision());
        }
    }

    @Override
    public boolean delete(String name) {
        try {
            return !api.withName(name).delete().isEmpty();
        } catch (KubernetesClientException e) {
            throw ApiErrors.other(e, "delete " + kind + " " + name);
        }
    }

    @Override
    public void delete(R resource) {
        // Kubernetes deletes take a resourceVersion precondition; the read first gives the same errors as the
        // other backends (and covers servers that ignore preconditions).
        R current = get(resource.name())
                .orElseThrow(() -> new NotFoundException(kind + " " + resource.name() + " does not exist"));
        if (current.revision() != resource.revision()) {
            throw new ConflictException(kind + " " + resource.name() + " is at revision " + current.revision()
                    + ", the delete was based on " + resource.revision());
        }
        try {
            api.withName(resource.name())
                    .lockResourceVersion(Long.toString(resource.revision()))
                    .delete();
        } catch (KubernetesClientException e) {
            throw ApiErrors.onUpdate(e, kind + " " + resource.name(), resource.revision());
        }
    }

    @Override
    public Watch watch(long fromRevision, Consumer<WatchEvent<R>> listener) {
        return InformerWatch.start(api.runnableInformer(0), c -> Optional.of(toResource(c)), fromRevision, listener);
    }

    private R toResource(C cr) {
        ObjectMeta m = cr.getMetadata();
        return kind.create(ApiErrors.metadataOf(m, m.getAnnotations()), cr.getSpec());
    }

    private C toCustomResource(R resource) {
        Metadata m = resource.metadata();
        C cr = factory.get();
        cr.setMetadata(new ObjectMetaBuilder()
                .withName(m.name())
                .withResourceVersion(m.revision() == 0 ? null : Long.toString(m.revision()))
                .withUid(m.uid())
                .withLabels(m.labels().isEmpty() ? null : m.labels())
                .withAnnotations(m.annotations().isEmpty() ? null : m.annotations())
                .build());
        cr.setSpec(resource.spec());
        return cr;
    }
}
