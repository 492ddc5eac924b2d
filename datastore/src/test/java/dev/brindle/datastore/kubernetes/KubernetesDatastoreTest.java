package dev.brindle.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.datastore.AlreadyExistsException;
import dev.brindle.datastore.ConflictException;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.DatastoreContract;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.NotFoundException;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The contract suite against fabric8's mock API server in CRUD mode (no real kube-apiserver can run here): it keeps
 * objects, enforces resourceVersion on PUT (409) and serves watches, but applies no CRD schema (see CrdSchemaTest).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesDatastoreTest extends DatastoreContract {
    /** The mock web server logs every request through java.util.logging; held so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    KubernetesMockServer server;
    KubernetesClient mockClient;

    @Override
    protected Datastore open() {
        KubernetesDatastore.CUSTOM_RESOURCES
                .values()
                .forEach(type ->
                        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(type)));
        KubernetesClient client =
                server.createClient(b -> b.withKubernetesSerialization(KubernetesDatastore.serialization()));
        return Datastores.of(new KubernetesDatastore(client));
    }

    /**
     * Kubernetes cannot replay history older than its watch cache, so a watch from a revision re-lists: the objects
     * as they are now come as Added, a deletion in between is not replayed, then Synced (the file and memory stores
     * replay every change instead). The agent and IPAM only watch from 0, where both behave alike.
     */
    @Override
    @Test
    protected void watchFromARevisionDeliversOnlyLaterChanges() {
        IPPool a = store.create(IPPool.of("a", "10.1.0.0/16"));
        IPPool b = store.create(IPPool.of("b", "10.2.0.0/16"));
        store.update(a.withSpec(a.spec().withNatOutgoing(true)));
        store.delete(Kind.IPPOOL, "b");
        var events = new CopyOnWriteArrayList<WatchEvent<IPPool>>();
        try (Watch ignored = store.watch(Kind.IPPOOL, b.revision(), events::add)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.stream().anyMatch(WatchEvent.Synced.class::isInstance));
            assertThat(events)
                    .extracting(e -> e.getClass().getSimpleName() + " " + name(e))
                    .containsExactly("Added a", "Synced -");
        }
    }

    private void kubeletRegisters(String name) {
        mockClient
                .nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(Map.of("rack", "r1"))
                        .withAnnotations(Map.of("kubeadm.alpha.kubernetes.io/cri-socket", "unix:///run/x.sock"))
                        .endMetadata()
                        .build())
                .create();
    }

    @Test
    void nodeRecordsAreAnnotationsOnTheCoreNode() {
        Node node = Node.of("node-1", AddressWithPrefix.parse("192.168.1.10/24"));
        assertThatThrownBy(() -> store.create(node))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("kubelet");
        kubeletRegisters("node-1");
        kubeletRegisters("node-2");

        Node created = store.create(node.withSpec(node.spec()
                .withAttachments(
                        List.of(new Node.Attachment("k8s-pod-network.abc", "abc", "eth0", "default", "web")))));

        var annotations =
                mockClient.nodes().withName("node-1").get().getMetadata().getAnnotations();
        assertThat(annotations)
                .containsEntry("brindle.dev/node", "v1")
                .containsEntry("brindle.dev/ipv4Address", "192.168.1.10/24")
                .containsEntry("kubeadm.alpha.kubernetes.io/cri-socket", "unix:///run/x.sock");
        assertThat(annotations.get("brindle.dev/attachments")).contains("\"handleID\":\"k8s-pod-network.abc\"");
        assertThat(store.get(Kind.NODE, "node-1")).contains(created);
        assertThat(created.metadata().labels()).containsEntry("rack", "r1");
        assertThat(store.list(Kind.NODE)).extracting(Node::name).containsExactly("node-1");
        assertThatThrownBy(() -> store.create(node)).isInstanceOf(AlreadyExistsException.class);

        Node moved = store.update(created.withSpec(
                new Node.Spec(AddressWithPrefix.parse("192.168.1.11/24"), null, 65001L, null, null, null, null, null)));
        assertThat(store.get(Kind.NODE, "node-1").orElseThrow().spec().asNumber())
                .isEqualTo(65001L);
        assertThatThrownBy(() -> store.update(created)).isInstanceOf(ConflictException.class);

        store.delete(moved);
        assertThat(store.get(Kind.NODE, "node-1")).isEmpty();
        assertThat(mockClient.nodes().withName("node-1").get()).isNotNull();
    }

    @Test
    void aNodeRecordsOwnAnnotationsReachTheCoreNodeBesideTheKubelets() {
        kubeletRegisters("node-1");
        Node created = store.create(Node.of("node-1", AddressWithPrefix.parse("192.168.1.10/24")));
        Map<String, String> withBeat =
                new java.util.HashMap<>(created.metadata().annotations());
        withBeat.put("node-agent.brindle.dev/heartbeat", "2026-11-21T12:00:00Z");
        Node beat = store.update(created.withMetadata(created.metadata().withAnnotations(withBeat)));

        assertThat(beat.metadata().annotations())
                .containsEntry("node-agent.brindle.dev/heartbeat", "2026-11-21T12:00:00Z");
        assertThat(mockClient.nodes().withName("node-1").get().getMetadata().getAnnotations())
                .containsEntry("node-agent.brindle.dev/heartbeat", "2026-11-21T12:00:00Z")
                .containsEntry("kubeadm.alpha.kubernetes.io/cri-socket", "unix:///run/x.sock")
                .containsEntry("brindle.dev/ipv4Address", "192.168.1.10/24");
    }

    @Test
    void nodeWatchSeesRegistrationAsAddedAndRemovalAsDeleted() {
        kubeletRegisters("node-1");
        var events = new CopyOnWriteArrayList<WatchEvent<Node>>();
        try (Watch ignored = store.watch(Kind.NODE, 0, events::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
            assertThat(events.getFirst()).isInstanceOf(WatchEvent.Synced.class);
            Node created = store.create(Node.of("node-1", AddressWithPrefix.parse("10.0.0.1/24")));
            store.delete(created);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 3);
            assertThat(events.get(1)).isInstanceOf(WatchEvent.Added.class);
            assertThat(events.get(2)).isInstanceOf(WatchEvent.Deleted.class);
        }
    }
}
