package dev.brindle.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.kubernetes.KubernetesDatastore;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.ipam.AllocationAttributes;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.AssignRequest;
import dev.brindle.ipam.DatastoreIpamStore;
import dev.brindle.ipam.GarbageCollector;
import dev.brindle.ipam.IntendedUse;
import dev.brindle.lab.junit.MutableClock;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GC in Kubernetes mode against fabric8's mock API server in CRUD mode (with {@link NodeSelectingCrudDispatcher}):
 * the agent's own wiring ({@link NodeAgent#liveness}) over the kubernetes datastore, with Pods as the kubelet and the
 * scheduler leave them.
 */
class PodLivenessKubernetesTest {
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static final String NODE = "n1";
    private static final Duration GRACE = Duration.ofMinutes(15);

    private final NodeSelectingCrudDispatcher api = new NodeSelectingCrudDispatcher();
    private final KubernetesMockServer server =
            new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, false);
    private KubernetesClient mockClient;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private KubernetesDatastore kubernetes;
    private Datastore ds;
    private Allocator allocator;
    private NodeGc gc;

    @BeforeEach
    void connect() {
        server.init();
        mockClient = server.createClient();
        KubernetesDatastore.CUSTOM_RESOURCES
                .values()
                .forEach(type ->
                        server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(type)));
        kubernetes = new KubernetesDatastore(
                server.createClient(b -> b.withKubernetesSerialization(KubernetesDatastore.serialization())));
        ds = Datastores.of(kubernetes);
        mockClient
                .nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(NODE)
                        .endMetadata()
                        .build())
                .create();
        new NodeRecord(ds, NODE).register(AddressWithPrefix.parse("192.168.1.10/24"), null);
        ds.create(IPPool.of("default", "10.244.0.0/16"));
        var store = new DatastoreIpamStore(ds);
        allocator = new Allocator(store, clock);
        gc = new NodeGc(
                new GarbageCollector(store, allocator, clock, GRACE, NodeAgent.liveness(ds, kubernetes, NODE)),
                allocator,
                new NodeRecord(ds, NODE),
                NODE);
    }

    @AfterEach
    void close() {
        ds.close();
        mockClient.close();
        server.destroy();
    }

    @Test
    void aPodDeletedFromTheApiLosesItsAddressAfterTheGracePeriodAndAPresentOneKeepsIt() {
        String web = attach("web", "Running");
        String gone = attach("gone", "Running");
        mockClient.pods().inNamespace("default").withName("gone").delete();

        assertThat(gc.run().releasedAddresses()).isEmpty();
        clock.advance(GRACE);
        assertThat(gc.run().releasedAddresses())
                .as("the attachment record still lists both: only the API knows 'gone' is gone")
                .containsExactly(gone);
        assertThat(allocator.addressesOf("k8s-pod-network.web"))
                .extracting(a -> a.address().getHostAddress())
                .containsExactly(web);
        assertThat(new NodeRecord(ds, NODE).attachedHandles())
                .as("GC drops the attachment the missing CNI DEL left")
                .containsExactly("k8s-pod-network.web");
        assertThat(api.podLists)
                .as("one list per run, of this node's pods only, from the API server's cache")
                .hasSize(2)
                .allSatisfy(q -> assertThat(q.split("&"))
                        .containsExactlyInAnyOrder("fieldSelector=spec.nodeName=" + NODE, "resourceVersion=0"));
    }

    @Test
    void aPodThatHasFinishedLosesItsAddressButOneOnAnotherNodeIsNotThisNodes() {
        String web = attach("web", "Running");
        String job = attach("job", "Succeeded");
        String moved = attach("moved", "Running");
        mockClient.pods().inNamespace("default").withName("moved").delete();
        createPod("moved", "n2", "Running", moved);

        gc.run();
        clock.advance(GRACE);
        assertThat(gc.run().releasedAddresses()).containsExactlyInAnyOrder(job, moved);
        assertThat(allocator.addressesOf("k8s-pod-network.web"))
                .extracting(a -> a.address().getHostAddress())
                .containsExactly(web);
    }

    @Test
    void whenThePodsApiFailsNothingIsReleased() {
        attach("web", "Running");
        mockClient.pods().inNamespace("default").withName("web").delete();
        api.forbidPods();

        gc.run();
        clock.advance(GRACE.multipliedBy(2));
        assertThat(gc.run().releasedAddresses()).isEmpty();
        assertThat(allocator.addressesOf("k8s-pod-network.web")).hasSize(1);
        assertThat(new NodeRecord(ds, NODE).attachedHandles()).containsExactly("k8s-pod-network.web");
    }

    /** CNI ADD for a pod of this node: an address with the pod's attributes, the attachment, the Pod with its IP. */
    private String attach(String pod, String phase) {
        String handle = "k8s-pod-network." + pod;
        var holder = new AllocationAttributes(
                handle,
                Map.of(
                        AllocationAttributes.NODE, NODE,
                        AllocationAttributes.POD, pod,
                        AllocationAttributes.NAMESPACE, "default",
                        AllocationAttributes.CONTAINER_ID, pod));
        String ip = IpAddresses.format(allocator
                .assign(new AssignRequest(NODE, IpFamily.V4, 1, holder, IntendedUse.WORKLOAD, List.of()))
                .get(0)
                .address());
        new NodeRecord(ds, NODE).added(handle, pod, "eth0", "default", pod);
        createPod(pod, NODE, phase, ip);
        return ip;
    }

    private void createPod(String pod, String node, String phase, String ip) {
        mockClient
                .pods()
                .inNamespace("default")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withNamespace("default")
                        .withName(pod)
                        .endMetadata()
                        .withNewSpec()
                        .withNodeName(node)
                        .endSpec()
                        .withNewStatus()
                        .withPhase(phase)
                        .addNewPodIP(ip)
                        .endStatus()
                        .build())
                .create();
    }
}
