package dev.brindle.datastore.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brindle.datastore.AlreadyExistsException;
import dev.brindle.datastore.ConflictException;
import dev.brindle.datastore.DatastoreException;
import dev.brindle.datastore.NotFoundException;
import dev.brindle.datastore.Retry;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.json.ResourceCodec;
import dev.brindle.datastore.resource.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * brindle's Node records kept, as Calico keeps its Node in KDD mode (calico-facts §5.5), as annotations on the core
 * Kubernetes Node, which the kubelet creates: {@code brindle.dev/node: v1} marks a node brindle registered, and each
 * spec field is one annotation {@code brindle.dev/<field>} (text as is, lists as JSON), e.g.
 * {@code brindle.dev/ipv4Address: 192.168.1.10/24}. The record's labels are the node's labels (read-only here); its
 * revision is the Node's resourceVersion, so any change to the Node (a status update too) makes a CAS retry.
 */
final class CoreNodeStore implements KindStore<Node> {
    static final String PREFIX = "brindle.dev/";
    static final String MARKER = PREFIX + "node";
    private static final ObjectMapper MAPPER = ResourceCodec.mapper();

    private final KubernetesClient client;

    CoreNodeStore(KubernetesClient client) {
        this.client = client;
    }

    private io.fabric8.kubernetes.api.model.Node core(String name) {
        try {
            return client.nodes().withName(name).get();
        } catch (KubernetesClientException e) {
            throw ApiErrors.other(e, "get Node " + name);
        }
    }

    @Override
    public Optional<Node> get(String name) {
        return Optional.ofNullable(core(name)).flatMap(CoreNodeStore::toNode);
    }

    @Override
    public List<Node> list() {
        return client.nodes().list().getItems().stream()
                .map(CoreNodeStore::toNode)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(Node::name))
                .toList();
    }

    @Override
    public Node create(Node node) {
        return Retry.onConflict(() -> {
            var core = core(node.name());
            if (core == null) {
                throw new NotFoundException("kubernetes Node " + node.name() + " does not exist: brindle keeps its"
                        + " node record as annotations on the core Node, which the kubelet registers");
            }
            if (toNode(core).isPresent()) {
                throw new AlreadyExistsException("Node " + node.name() + " already has brindle's annotations");
            }
            return write(core, node);
        });
    }

    @Override
    public Node update(Node node) {
        var core = core(node.name());
        if (core == null || toNode(core).isEmpty()) {
            throw new NotFoundException("Node " + node.name() + " has no brindle record");
        }
        checkRevision(core, node.revision());
        return write(core, node);
    }

    @Override
    public boolean delete(String name) {
        return Retry.onConflict(() -> {
            var core = core(name);
            if (core == null || toNode(core).isEmpty()) {
                return false;
            }
            write(core, null);
            return true;
        });
    }

    @Override
    public void delete(Node node) {
        var core = core(node.name());
        if (core == null || toNode(core).isEmpty()) {
            throw new NotFoundException("Node " + node.name() + " has no brindle record");
        }
        checkRevision(core, node.revision());
        write(core, null);
    }

    private static void checkRevision(io.fabric8.kubernetes.api.model.Node core, long expected) {
        long current = ApiErrors.revisionOf(core.getMetadata().getResourceVersion());
        if (current != expected) {
            throw new ConflictException("Node " + core.getMetadata().getName() + " is at revision " + current
                    + ", the change was based on " + expected + "; re-read it and retry");
        }
    }

    /** Replaces brindle's annotations on the Node (removes them for null), CAS on its resourceVersion. */
    private Node write(io.fabric8.kubernetes.api.model.Node core, Node node) {
        Map<String, String> annotations = new HashMap<>();
        var existing = core.getMetadata().getAnnotations();
        if (existing != null) {
            existing.forEach((k, v) -> {
                if (!k.startsWith(PREFIX)) {
                    annotations.put(k, v);
                }
            });
        }
        if (node != null) {
            // The record's own annotations (the agent's heartbeat) merge into the core Node's; brindle.dev/ keys
            // are the spec's alone.
            node.metadata().annotations().forEach((k, v) -> {
                if (!k.startsWith(PREFIX)) {
                    annotations.put(k, v);
                }
            });
            annotations.putAll(toAnnotations(node.spec()));
        }
        core.getMetadata().setAnnotations(annotations);
        long revision = ApiErrors.revisionOf(core.getMetadata().getResourceVersion());
        try {
            var stored = client.nodes().resource(core).update();
            return node == null ? null : toNode(stored).orElseThrow();
        } catch (KubernetesClientException e) {
            throw ApiErrors.onUpdate(e, "Node " + core.getMetadata().getName(), revision);
        }
    }

    static Map<String, String> toAnnotations(Node.Spec spec) {
        Map<String, String> out = new HashMap<>();
        out.put(MARKER, "v1");
        MAPPER.valueToTree(spec)
                .properties()
                .forEach(e -> out.put(
                        PREFIX + e.getKey(),
                        e.getValue().isValueNode()
                                ? e.getValue().asText()
                                : e.getValue().toString()));
        return out;
    }

    static Optional<Node> toNode(io.fabric8.kubernetes.api.model.Node core) {
        var m = core.getMetadata();
        var annotations = m.getAnnotations() == null ? Map.<String, String>of() : m.getAnnotations();
        if (!annotations.containsKey(MARKER)) {
            return Optional.empty();
        }
        ObjectNode spec = MAPPER.createObjectNode();
        Map<String, String> others = new HashMap<>();
        annotations.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                others.put(k, v);
            } else if (!k.equals(MARKER)) {
                spec.set(k.substring(PREFIX.length()), annotationValue(v));
            }
        });
        try {
            return Optional.of(new Node(ApiErrors.metadataOf(m, others), MAPPER.treeToValue(spec, Node.Spec.class)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new DatastoreException(
                    "kubernetes Node " + m.getName() + ": brindle.dev/ annotations are invalid: " + e.getMessage(), e);
        }
    }

    private static JsonNode annotationValue(String v) {
        if (v.startsWith("[") || v.startsWith("{") || v.matches("-?\\d+")) {
            try {
                return MAPPER.readTree(v);
            } catch (JsonProcessingException e) {
                return MAPPER.getNodeFactory().textNode(v);
            }
        }
        return MAPPER.getNodeFactory().textNode(v);
    }

    @Override
    public Watch watch(long fromRevision, Consumer<WatchEvent<Node>> listener) {
        return InformerWatch.start(client.nodes().runnableInformer(0), CoreNodeStore::toNode, fromRevision, listener);
    }
}
