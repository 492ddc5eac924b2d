package dev.brindle.cni.dataplane;

import dev.brindle.cni.spec.CniArgs;

/**
 * The host-side veth name (CONTRACT.md; Calico's VethNameForWorkload): the prefix and the first 11 hex characters of
 * sha1("<namespace>.<pod>"), so that the node agent, which knows only the pod, computes the same name; without the
 * Kubernetes args, the first 11 characters of the container ID.
 */
public final class VethName {
    private VethName() {}

    public static String forPod(String prefix, String namespace, String pod) {
        return prefix + Sha1.hex(namespace + "." + pod).substring(0, 11);
    }

    public static String forContainer(String prefix, String containerId) {
        return prefix + containerId.substring(0, Math.min(11, containerId.length()));
    }

    /** The name for this invocation: pod form when CNI_ARGS has both K8S_POD_NAMESPACE and K8S_POD_NAME. */
    public static String of(String prefix, CniArgs args, String containerId) {
        var ns = args.get("K8S_POD_NAMESPACE");
        var pod = args.get("K8S_POD_NAME");
        if (ns.isPresent() && pod.isPresent()) {
            return forPod(prefix, ns.get(), pod.get());
        }
        return forContainer(prefix, containerId);
    }
}
