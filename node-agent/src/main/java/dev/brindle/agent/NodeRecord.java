package dev.brindle.agent;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.MacAddress;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Retry;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.datastore.resource.Node;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This agent's Node resource: registered at start (address, AS, the hostname label, keeping labels and attachments
 * a previous run left), then kept up to date with tunnel addresses and the list of live attachments. Every change is a
 * compare-and-swap retried on conflict, so an operator editing labels meanwhile is not overwritten.
 */
public final class NodeRecord implements Attachments {
    private static final Logger log = LoggerFactory.getLogger(NodeRecord.class);
    static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    /**
     * When the agent last refreshed its record (an ISO-8601 instant): {@code brindlectl delete node} refuses to delete
     * a node whose agent still refreshes it. A datastore that did not keep the annotation is reported by
     * {@link #heartbeat} (every backend keeps it: {@code kubernetes} as an annotation on the core Node).
     */
    public static final String HEARTBEAT_ANNOTATION = "node-agent.brindle.dev/heartbeat";
    /** How often the agent refreshes {@link #HEARTBEAT_ANNOTATION}. */
    public static final java.time.Duration HEARTBEAT_INTERVAL = java.time.Duration.ofMinutes(1);

    private final Datastore ds;
    private final String name;

    public NodeRecord(Datastore ds, String name) {
        this.ds = ds;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Creates or refreshes the Node with this address and AS (null AS: the cluster's). */
    public Node register(AddressWithPrefix ipv4, Long asNumber) {
        return Retry.onConflict(() -> {
            Optional<Node> current = ds.get(Kind.NODE, name);
            if (current.isEmpty()) {
                Map<String, String> labels = Map.of(HOSTNAME_LABEL, name);
                Node fresh = new Node(
                        Metadata.named(name).withLabels(labels),
                        new Node.Spec(ipv4, null, asNumber, null, null, null, null, List.of()));
                log.info("registering node {} with address {}", name, ipv4);
                try {
                    return ds.create(fresh);
                } catch (dev.brindle.datastore.AlreadyExistsException e) {
                    throw new dev.brindle.datastore.ConflictException(e.getMessage());
                }
            }
            Node n = current.get();
            Map<String, String> labels = new HashMap<>(n.metadata().labels());
            labels.putIfAbsent(HOSTNAME_LABEL, name);
            Node.Spec s = n.spec();
            Node.Spec spec = new Node.Spec(
                    ipv4,
                    s.ipv6Address(),
                    asNumber,
                    s.ipv4IPIPTunnelAddr(),
                    s.ipv4VXLANTunnelAddr(),
                    s.vxlanTunnelMACAddr(),
                    s.routeReflectorClusterID(),
                    s.attachments());
            return ds.update(new Node(n.metadata().withLabels(labels), spec));
        });
    }

    /**
     * Writes {@code now} to the {@link #HEARTBEAT_ANNOTATION}; returns false when the datastore did not keep it (then
     * there is no point in writing it again).
     */
    public boolean heartbeat(java.time.Instant now) {
        String stamp = now.toString();
        Node stored = Retry.onConflict(() -> {
            Node n = current();
            Map<String, String> annotations = new HashMap<>(n.metadata().annotations());
            annotations.put(HEARTBEAT_ANNOTATION, stamp);
            return ds.update(n.withMetadata(n.metadata().withAnnotations(annotations)));
        });
        return stamp.equals(stored.metadata().annotations().get(HEARTBEAT_ANNOTATION));
    }

    public void tunnels(InetAddress ipip, InetAddress vxlan, MacAddress vtepMac) {
        change(s -> s.withIpipTunnelAddr(ipip).withVxlanTunnel(vxlan, vxlan == null ? null : vtepMac));
    }

    /** Applies the changes in one compare-and-swap: a handle attached again replaces its earlier attachment. */
    @Override
    public void record(Map<String, Optional<Node.Attachment>> changes) {
        change(s -> {
            List<Node.Attachment> list = new ArrayList<>();
            for (Node.Attachment a : s.attachments()) {
                if (!changes.containsKey(a.handleID())) {
                    list.add(a);
                }
            }
            changes.values().forEach(c -> c.ifPresent(list::add));
            return s.withAttachments(list);
        });
    }

    /** The handles the node's record says are attached. */
    public List<String> attachedHandles() {
        return ds.get(Kind.NODE, name)
                .map(n -> n.spec().attachments().stream()
                        .map(Node.Attachment::handleID)
                        .toList())
                .orElse(List.of());
    }

    private void change(UnaryOperator<Node.Spec> edit) {
        Retry.onConflict(() -> {
            Node n = current();
            Node.Spec next = edit.apply(n.spec());
            return next.equals(n.spec()) ? n : ds.update(n.withSpec(next));
        });
    }

    private Node current() {
        return ds.get(Kind.NODE, name)
                .orElseThrow(() -> new IllegalStateException("node " + name + " is not registered in " + ds.describe()
                        + "; restart brindle-node to register it"));
    }
}
