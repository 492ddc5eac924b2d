package dev.brindle.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain a container runtime follows after install-cni, with the repository's real launchers: the runtime execs
 * {@code <cni bin>/brindle} with no JAVA_HOME; the shim must reach bin/brindle and bin/launcher.sh in the install
 * dir, which must start the copied runtime on the copied jar with the copied AOT cache. The runtime here is a fake
 * {@code java} that prints its arguments, so no JVM or jar needs to exist.
 */
class InstalledPluginRunsTest {
    private static final Path REPO_BIN = Path.of("..", "bin").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theRuntimeStartsTheCopiedJarOnTheCopiedRuntimeWithTheAotCache() throws Exception {
        Path image = tmp.resolve("image");
        for (String launcher : List.of("launcher.sh", "brindle", "brindle-ipam")) {
            Files.createDirectories(image.resolve("bin"));
            Files.copy(REPO_BIN.resolve(launcher), image.resolve("bin").resolve(launcher));
        }
        // The real shim: with no agent to take the call it must run the launcher's JVM path below.
        Files.createDirectories(image.resolve("cni-plugin/target"));
        Files.copy(
                REPO_BIN.resolveSibling("cni-plugin/target/brindle-shim"),
                image.resolve("cni-plugin/target/brindle-shim"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        write(image.resolve("jre/bin/java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n", "rwxr-xr-x");
        write(image.resolve("jre/release"), "JAVA_VERSION=\"25.0.1\"\n", "rw-r--r--");
        Path jar = image.resolve("cni-plugin/target/brindle-cni.jar");
        write(jar, "jar", "rw-r--r--");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Path aot = image.resolve("cni-plugin/target/brindle-cni.aot");
        write(aot, "aot", "rw-r--r--");
        Files.setLastModifiedTime(aot, FileTime.from(Instant.parse("2026-01-01T00:01:00Z")));
        Path sa = tmp.resolve("sa");
        write(sa.resolve("token"), "t", "rw-r--r--");
        write(sa.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n", "rw-r--r--");
        write(tmp.resolve("cni/portmap"), "#!/bin/sh\n", "rwxr-xr-x");
        Path install = tmp.resolve("opt/brindle");
        Path bin = tmp.resolve("opt/cni/bin");
        Map<String, String> env = new HashMap<>(Map.of(
                "NODENAME", "node-a",
                "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                "KUBERNETES_SERVICE_PORT", "443",
                "CNI_NETWORK_CONFIG", ConflistTemplates.fromConfigMap(),
                "BRINDLE_SOURCE", image.toString(),
                "SERVICEACCOUNT_DIR", sa.toString(),
                "CNI_EXTRA_PLUGINS_DIR", tmp.resolve("cni").toString()));
        // The host's root is this machine's (the shims name real paths), the directories are the test's.
        env.putAll(Map.of(
                "HOST_ROOT", "/",
                "BRINDLE_INSTALL_DIR", install.toString(),
                "CNI_BIN_DIR", bin.toString(),
                "CNI_NET_DIR", tmp.resolve("etc/cni/net.d").toString()));
        new InstallCni(InstallSettings.fromEnvironment(env)).install();

        assertThat(run(bin.resolve("brindle")))
                .contains("-XX:AOTCache=" + install.resolve("cni-plugin/target/brindle-cni.aot"))
                .containsSubsequence(
                        "-cp",
                        install.resolve("cni-plugin/target/brindle-cni.jar").toString(),
                        "dev.brindle.cni.Main");
        assertThat(run(bin.resolve("brindle-ipam")))
                .containsSubsequence(
                        "-cp",
                        install.resolve("cni-plugin/target/brindle-cni.jar").toString(),
                        "dev.brindle.cni.ipam.IpamMain");
    }

    /** Runs {@code plugin} as a runtime does: its own environment, no JAVA_HOME; returns the fake java's args. */
    private List<String> run(Path plugin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(plugin.toString()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "CNI_COMMAND", "VERSION"));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    private static void write(Path p, String content, String mode) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }
}
