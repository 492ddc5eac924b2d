package dev.brindle.agent.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DaemonSet's {@code install-cni} init container (calico-facts §7.2): puts brindle and brindle-ipam into the
 * host's CNI bin dir, a kubeconfig for them and the conflist into the host's CNI conf dir. Every file is replaced
 * atomically and a re-run gives the same files, so an init container restart is harmless. Run as
 * {@code java -cp brindle-node.jar dev.brindle.agent.install.InstallCni}; exit 0 when installed, 1 otherwise (the
 * message says which file or variable and what to do).
 */
public final class InstallCni {
    private static final Logger LOG = LoggerFactory.getLogger(InstallCni.class);

    private final InstallSettings settings;

    public InstallCni(InstallSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        try {
            new InstallCni(InstallSettings.fromEnvironment(System.getenv())).install();
        } catch (InstallException e) {
            System.err.println("install-cni: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("install-cni: " + e + " (are the host paths mounted writable under HOST_ROOT?)");
            System.exit(1);
        }
    }

    /** Installs everything; the conflist last, so the kubelet only sees brindle configured once it can run. */
    public void install() throws InstallException, IOException {
        InstallSettings s = settings;
        List<String> copied = RuntimeInstall.copyHome(s.source(), s.onHost(s.installDir()));
        LOG.info("installed {} files into {}", copied.size(), s.installDir());
        RuntimeInstall.writeShims(s.onHost(s.cniBinDir()), s.installDir());
        LOG.info("installed {} into {}", RuntimeInstall.PLUGINS, s.cniBinDir());
        List<String> chained =
                RuntimeInstall.installChained(s.extraPlugins(), s.extraPluginsDir(), s.onHost(s.cniBinDir()));
        LOG.info("chained plugins {}: installed {}, the host's own kept for the rest", s.extraPlugins(), chained);
        String kubeconfig = Kubeconfig.fromServiceAccount(s.serviceAccountDir(), s.apiServer());
        Path netDir = s.onHost(s.cniNetDir());
        AtomicFiles.write(
                netDir.resolve(InstallSettings.KUBECONFIG_NAME),
                kubeconfig.getBytes(StandardCharsets.UTF_8),
                "rw-------");
        String conflist = Conflist.render(
                s.conflistTemplate(),
                Map.of(
                        "__KUBERNETES_NODE_NAME__", s.nodeName(),
                        "__KUBECONFIG_FILEPATH__", s.kubeconfigHostPath().toString()));
        AtomicFiles.write(netDir.resolve(s.confName()), conflist.getBytes(StandardCharsets.UTF_8), "rw-r--r--");
        LOG.info("wrote {} and {} into {}", s.confName(), InstallSettings.KUBECONFIG_NAME, s.cniNetDir());
    }
}
