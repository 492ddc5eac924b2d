package dev.brindle.agent;

import dev.brindle.core.IpAddresses;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * {@link NodePods} from the API server: one list of pods in all namespaces with {@code
 * fieldSelector=spec.nodeName=<node>} and {@code resourceVersion=0}, so that kube-apiserver answers from its watch
 * cache instead of reading every pod from etcd on each node's every GC run (the answer may lag by a moment, which the
 * grace period absorbs). RBAC: pods get, list (deploy/rbac.yml).
 */
public final class ApiNodePods implements NodePods {
    private final KubernetesClient client;
    private final String node;

    public ApiNodePods(KubernetesClient client, String node) {
        this.client = client;
        this.node = node;
    }

    @Override
    public List<NodePods.Pod> list() {
        return client
                .pods()
                .inAnyNamespace()
                .withField("spec.nodeName", node)
                .list(new ListOptionsBuilder().withResourceVersion("0").build())
                .getItems()
                .stream()
                .filter(p -> p.getSpec() == null || node.equals(p.getSpec().getNodeName()))
                .map(ApiNodePods::of)
                .toList();
    }

    private static NodePods.Pod of(io.fabric8.kubernetes.api.model.Pod p) {
        PodStatus status = p.getStatus();
        List<InetAddress> ips = status == null || status.getPodIPs() == null
                ? List.of()
                : status.getPodIPs().stream()
                        .map(PodIP::getIp)
                        .filter(Objects::nonNull)
                        .map(IpAddresses::parse)
                        .toList();
        return new NodePods.Pod(
                p.getMetadata().getNamespace(),
                p.getMetadata().getName(),
                status == null ? "" : status.getPhase(),
                ips);
    }
}
