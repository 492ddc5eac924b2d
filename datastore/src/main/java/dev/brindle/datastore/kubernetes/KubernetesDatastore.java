package dev.brindle.datastore.kubernetes;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.DatastoreException;
import dev.brindle.datastore.OpenWatches;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.json.ResourceCodec;
import dev.brindle.datastore.kubernetes.crd.BGPConfigurationCustomResource;
import dev.brindle.datastore.kubernetes.crd.BGPPeerCustomResource;
import dev.brindle.datastore.kubernetes.crd.BlockAffinityCustomResource;
import dev.brindle.datastore.kubernetes.crd.BrindleCustomResource;
import dev.brindle.datastore.kubernetes.crd.IPAMBlockCustomResource;
import dev.brindle.datastore.kubernetes.crd.IPAMConfigCustomResource;
import dev.brindle.datastore.kubernetes.crd.IPAMHandleCustomResource;
import dev.brindle.datastore.kubernetes.crd.IPPoolCustomResource;
import dev.brindle.datastore.kubernetes.crd.WorkloadEndpointCustomResource;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code kubernetes} datastore: brindle's kinds as cluster-scoped custom resources of {@code brindle.dev/v1}
 * (CRDs in deploy/crds), the Node record as annotations on the core Node. fabric8's client on the JDK HTTP client.
 */
public final class KubernetesDatastore implements Datastore {
    /** The custom resource class of each kind that has one (all but Node). */
    public static final Map<Kind<?>, Class<? extends BrindleCustomResource<?>>> CUSTOM_RESOURCES = Map.of(
            Kind.IPPOOL, IPPoolCustomResource.class,
            Kind.IPAM_BLOCK, IPAMBlockCustomResource.class,
            Kind.BLOCK_AFFINITY, BlockAffinityCustomResource.class,
            Kind.IPAM_HANDLE, IPAMHandleCustomResource.class,
            Kind.IPAM_CONFIG, IPAMConfigCustomResource.class,
            Kind.BGP_CONFIGURATION, BGPConfigurationCustomResource.class,
            Kind.BGP_PEER, BGPPeerCustomResource.class,
            Kind.WORKLOAD_ENDPOINT, WorkloadEndpointCustomResource.class);

    private final KubernetesClient client;
    private final Map<Kind<?>, KindStore<?>> stores = new HashMap<>();
    private final OpenWatches watches = new OpenWatches();

    /** Uses {@code client}, which must have been built with {@link #serialization()}; closing closes it. */
    public KubernetesDatastore(KubernetesClient client) {
        this.client = client;
        CUSTOM_RESOURCES.forEach((kind, type) -> stores.put(kind, new CustomResourceStore<>(client, kind, type)));
        stores.put(Kind.NODE, new CoreNodeStore(client));
    }

    /** Connects with a kubeconfig file, or (null) with the usual lookup: KUBECONFIG, ~/.kube/config, in-cluster. */
    public static KubernetesDatastore connect(Path kubeconfig) {
        Config config;
        try {
            config = kubeconfig == null
                    ? Config.autoConfigure(null)
                    : Config.fromKubeconfig(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new DatastoreException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        }
        return new KubernetesDatastore(new KubernetesClientBuilder()
                .withConfig(config)
                .withKubernetesSerialization(serialization())
                .build());
    }

    /**
     * fabric8's serialization on brindle's mapper, which knows how to write CIDRs, addresses and selectors. Without
     * the class-loader scan for every Kubernetes model type: brindle only reads the types it names, and the scan
     * costs about a second per client.
     */
    public static KubernetesSerialization serialization() {
        return new KubernetesSerialization(ResourceCodec.mapper().copy(), false);
    }

    /**
     * The client underneath, for reads of core kinds brindle does not store (the agent lists its node's Pods for IPAM
     * GC). Closed with this store.
     */
    public KubernetesClient client() {
        return client;
    }

    @SuppressWarnings("unchecked")
    private <R extends Resource> KindStore<R> store(Kind<R> kind) {
        return (KindStore<R>) stores.get(kind);
    }

    @SuppressWarnings("unchecked")
    private <R extends Resource> KindStore<R> storeOf(R resource) {
        return (KindStore<R>) stores.get(resource.kind());
    }

    @Override
    public <R extends Resource> Optional<R> get(Kind<R> kind, String name) {
        return store(kind).get(name);
    }

    @Override
    public <R extends Resource> List<R> list(Kind<R> kind) {
        return store(kind).list();
    }

    @Override
    public <R extends Resource> R create(R resource) {
        return storeOf(resource).create(resource);
    }

    @Override
    public <R extends Resource> R update(R resource) {
        return storeOf(resource).update(resource);
    }

    @Override
    public boolean delete(Kind<?> kind, String name) {
        return store(kind).delete(name);
    }

    @Override
    public void delete(Resource resource) {
        deleteTyped(resource);
    }

    private <R extends Resource> void deleteTyped(R resource) {
        storeOf(resource).delete(resource);
    }

    @Override
    public <R extends Resource> Watch watch(Kind<R> kind, long fromRevision, Consumer<WatchEvent<R>> listener) {
        return watches.track(store(kind).watch(fromRevision, listener));
    }

    @Override
    public String describe() {
        return "kubernetes " + client.getMasterUrl();
    }

    @Override
    public void close() {
        watches.closeAll();
        client.close();
    }
}
