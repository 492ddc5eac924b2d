package dev.brindle.agent;

import dev.brindle.ipam.AllocationAttributes;
import dev.brindle.ipam.Liveness;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes-mode liveness for GC (calico-facts.md §2.8): an allocation that names a pod ({@code pod} and {@code
 * namespace} attributes) is live while the API server has that pod on this node, not Succeeded or Failed, and — once
 * the pod's IPs are reported — holding the address (Calico: "its IP appears in some WEP"; a pod recreated under the
 * same name has new IPs). The pod decides alone: a pod deleted while the node was down never got its CNI DEL, so the
 * node's attachment record still lists it. Allocations without pod attributes (CNI calls without K8S_POD_* args)
 * fall back to {@code fallback}. When the pods cannot be listed the whole run takes everything for live: GC never
 * releases on an API error.
 */
public final class PodLiveness implements Supplier<Liveness> {
    private static final Logger log = LoggerFactory.getLogger(PodLiveness.class);

    private final NodePods pods;
    private final Supplier<Liveness> fallback;

    public PodLiveness(NodePods pods, Supplier<Liveness> fallback) {
        this.pods = pods;
        this.fallback = fallback;
    }

    /** A snapshot of the node's pods, for one GC run. */
    @Override
    public Liveness get() {
        Map<String, NodePods.Pod> byName = new HashMap<>();
        try {
            for (NodePods.Pod p : pods.list()) {
                byName.put(key(p.namespace(), p.name()), p);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "IPAM GC releases no address this run: cannot list the pods on this node ({}); brindle-node needs"
                            + " get and list on pods (deploy/rbac.yml)",
                    e.getMessage());
            return (holder, address) -> true;
        }
        Liveness others = fallback.get();
        return (holder, address) -> {
            String pod = holder.secondary().get(AllocationAttributes.POD);
            String namespace = holder.secondary().get(AllocationAttributes.NAMESPACE);
            if (pod == null || pod.isEmpty() || namespace == null || namespace.isEmpty()) {
                return others.isLive(holder, address);
            }
            NodePods.Pod p = byName.get(key(namespace, pod));
            return p != null && !p.terminated() && holds(p.ips(), address);
        };
    }

    /** No IPs yet (the kubelet reports them after CNI ADD): the pod may be the one being set up with it. */
    private static boolean holds(List<InetAddress> ips, InetAddress address) {
        return ips.isEmpty() || ips.contains(address);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
