package dev.brindle.agent.install;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What install-cni does, read from its environment (the DaemonSet's init container sets it; calico-facts §7.2 names
 * the Calico equivalents). Host paths are the paths as the host (kubelet, runtime) sees them; the container reaches
 * them under {@code hostRoot} ({@code HOST_ROOT}, default {@code /host}).
 *
 * @param source the image's brindle home ({@code BRINDLE_SOURCE}, default {@code /opt/brindle}): bin/, jars, jre/
 * @param hostRoot where the host's directories are mounted in the container
 * @param installDir host path that receives the launchers, jars and JRE ({@code BRINDLE_INSTALL_DIR})
 * @param cniBinDir host CNI bin dir ({@code CNI_BIN_DIR}, default {@code /opt/cni/bin})
 * @param cniNetDir host CNI conf dir ({@code CNI_NET_DIR}, default {@code /etc/cni/net.d})
 * @param confName the conflist's file name ({@code CNI_CONF_NAME}, default {@code 10-brindle.conflist})
 * @param conflistTemplate the conflist with {@code __PLACEHOLDERS__} ({@code CNI_NETWORK_CONFIG}, or the file named
 *     by {@code CNI_NETWORK_CONFIG_FILE})
 * @param nodeName this node ({@code NODENAME}, from the pod's spec.nodeName)
 * @param serviceAccountDir the mounted ServiceAccount token and CA
 * @param apiServer {@code KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT}, as an https URL
 * @param extraPlugins plugins the conflist chains after brindle ({@code CNI_EXTRA_PLUGINS}, comma-separated,
 *     default {@code portmap}), installed from {@code extraPluginsDir} when the host has none
 * @param extraPluginsDir where the image keeps them ({@code CNI_EXTRA_PLUGINS_DIR}, default {@code /usr/lib/cni},
 *     Debian's containernetworking-plugins)
 */
public record InstallSettings(
        Path source,
        Path hostRoot,
        Path installDir,
        Path cniBinDir,
        Path cniNetDir,
        String confName,
        String conflistTemplate,
        String nodeName,
        Path serviceAccountDir,
        String apiServer,
        List<String> extraPlugins,
        Path extraPluginsDir) {
    static final String KUBECONFIG_NAME = "brindle-kubeconfig";

    public InstallSettings {
        for (Path p : new Path[] {installDir, cniBinDir, cniNetDir}) {
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("host path " + p + " must be absolute");
            }
        }
        extraPlugins = List.copyOf(extraPlugins);
        for (String plugin : extraPlugins) {
            if (!plugin.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException(
                        "CNI_EXTRA_PLUGINS entry '" + plugin + "' must be a plugin file name");
            }
        }
        if (confName.contains("/") || !confName.endsWith(".conflist")) {
            throw new IllegalArgumentException(
                    "CNI_CONF_NAME " + confName + " must be a file name ending in .conflist (the kubelet reads"
                            + " a conflist; brindle chains portmap after itself)");
        }
    }

    /** Reads the settings from an environment (the variables named on the components above). */
    public static InstallSettings fromEnvironment(Map<String, String> env) throws InstallException {
        String nodeName = required(env, "NODENAME", "set it from the pod's spec.nodeName (fieldRef)");
        String host = required(env, "KUBERNETES_SERVICE_HOST", "the kubelet sets it in every pod; are you in one?");
        String port = required(env, "KUBERNETES_SERVICE_PORT", "the kubelet sets it in every pod; are you in one?");
        try {
            return new InstallSettings(
                    Path.of(env.getOrDefault("BRINDLE_SOURCE", "/opt/brindle")),
                    Path.of(env.getOrDefault("HOST_ROOT", "/host")),
                    Path.of(env.getOrDefault("BRINDLE_INSTALL_DIR", "/opt/brindle")),
                    Path.of(env.getOrDefault("CNI_BIN_DIR", "/opt/cni/bin")),
                    Path.of(env.getOrDefault("CNI_NET_DIR", "/etc/cni/net.d")),
                    env.getOrDefault("CNI_CONF_NAME", "10-brindle.conflist"),
                    conflistTemplate(env),
                    nodeName,
                    Path.of(env.getOrDefault("SERVICEACCOUNT_DIR", "/var/run/secrets/kubernetes.io/serviceaccount")),
                    "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port,
                    Arrays.stream(env.getOrDefault("CNI_EXTRA_PLUGINS", "portmap")
                                    .split(","))
                            .map(String::strip)
                            .filter(p -> !p.isEmpty())
                            .toList(),
                    Path.of(env.getOrDefault("CNI_EXTRA_PLUGINS_DIR", "/usr/lib/cni")));
        } catch (IllegalArgumentException e) {
            throw new InstallException(e.getMessage(), e);
        }
    }

    private static String conflistTemplate(Map<String, String> env) throws InstallException {
        Optional<String> inline =
                Optional.ofNullable(env.get("CNI_NETWORK_CONFIG")).filter(s -> !s.isBlank());
        if (inline.isPresent()) {
            return inline.get();
        }
        String file = required(
                env,
                "CNI_NETWORK_CONFIG_FILE",
                "or CNI_NETWORK_CONFIG: the conflist template (the brindle-config ConfigMap's cni_network_config)");
        try {
            return java.nio.file.Files.readString(Path.of(file));
        } catch (java.io.IOException e) {
            throw new InstallException("CNI_NETWORK_CONFIG_FILE " + file + " cannot be read: " + e, e);
        }
    }

    private static String required(Map<String, String> env, String name, String hint) throws InstallException {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new InstallException("environment variable " + name + " is not set: " + hint);
        }
        return v;
    }

    /** A host path as the container reaches it. */
    Path onHost(Path hostPath) {
        return hostRoot.resolve(hostPath.toString().substring(1));
    }

    /** The kubeconfig's host path, which the conflist names. */
    Path kubeconfigHostPath() {
        return cniNetDir.resolve(KUBECONFIG_NAME);
    }
}
