package dev.brindle.lab.cluster;

import dev.brindle.lab.Cmd;
import dev.brindle.lab.Namespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attaches and detaches pods exactly as a container runtime does: it executes the real {@code brindle} from the
 * lab's CNI bin dir inside the node's namespace, with the CNI_* environment and the network configuration on
 * stdin (CNI spec, "Execution protocol").
 */
final class PodAttacher {
    static final String NETWORK = "k8s-pod-network";
    private static final Pattern ADDRESS = Pattern.compile("\"address\"\\s*:\\s*\"([0-9a-f.:]+)/(\\d+)\"");

    private final LabDirs dirs;

    PodAttacher(LabDirs dirs) {
        this.dirs = dirs;
    }

    /** The netconf a runtime on {@code node} would read from {@code /etc/cni/net.d}. */
    String netconf(String node) {
        return """
                {"cniVersion": "1.0.0", "name": "%s", "type": "brindle", "nodename": "%s",
                 "agent_socket": "%s", "log_file_path": "%s", "ipam": {"type": "brindle-ipam"}}""".formatted(NETWORK, node, dirs.agentSocket(node), dirs.cniLog());
    }

    /** Runs ADD for pod {@code podName} (its namespace already exists) and returns the address it got. */
    Pod add(Namespace nodeNs, String node, Namespace podNs, String podName) {
        Cmd.Result r = invoke(nodeNs, node, "ADD", podNs.name(), podNs.path().toString(), podName);
        if (!r.ok()) {
            throw new IllegalStateException("CNI ADD for " + podName + " failed (exit " + r.exit() + "): "
                    + r.out().strip() + (r.err().isBlank() ? "" : "\n" + r.err().strip()));
        }
        Matcher m = ADDRESS.matcher(r.out());
        if (!m.find()) {
            throw new IllegalStateException("CNI ADD for " + podName + " returned no address: " + r.out());
        }
        return new Pod(podName, node, podNs.name(), m.group(1));
    }

    /** Runs DEL for a pod; the answer is checked because DEL must succeed even when the pod is half gone. */
    void delete(Namespace nodeNs, Pod pod) {
        Cmd.Result r = invoke(nodeNs, pod.node(), "DEL", pod.namespace(), "/run/netns/" + pod.namespace(), pod.name());
        if (!r.ok()) {
            throw new IllegalStateException(
                    "CNI DEL for " + pod.name() + " failed: " + r.out().strip());
        }
    }

    private Cmd.Result invoke(
            Namespace nodeNs, String node, String command, String containerId, String netns, String podName) {
        List<String> argv = new ArrayList<>(List.of(
                "env",
                "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                "CNI_COMMAND=" + command,
                "CNI_CONTAINERID=" + containerId,
                "CNI_NETNS=" + netns,
                "CNI_IFNAME=eth0",
                "CNI_PATH=" + dirs.cniBin(),
                "CNI_ARGS=IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=" + podName));
        argv.add(dirs.cniBin().resolve("brindle").toString());
        return nodeNs.exec(argv, netconf(node));
    }

    /** Writes the conflist a runtime would find, for operators who want to run the plugin by hand. */
    void writeConf(String node) {
        try {
            Files.createDirectories(dirs.cniConf());
            Files.writeString(dirs.cniConf().resolve("10-brindle-" + node + ".conf"), netconf(node) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
