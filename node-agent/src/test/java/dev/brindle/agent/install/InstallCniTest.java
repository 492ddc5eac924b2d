package dev.brindle.agent.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install-cni against temp dirs: a fake image home, a fake ServiceAccount mount and a fake host root. */
class InstallCniTest {
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
    private static final String TOKEN = "eyJhbGciOi.fake-token.sig";
    private static final Instant JAR_TIME = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    Path image;
    Path host;
    Path sa;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        image = tmp.resolve("image/opt/brindle");
        host = tmp.resolve("host");
        sa = tmp.resolve("sa");
        file(image.resolve("bin/launcher.sh"), "# launcher\n", "rw-r--r--");
        file(image.resolve("bin/brindle"), "#!/usr/bin/env bash\n# brindle\n", "rwxr-xr-x");
        file(image.resolve("bin/brindle-ipam"), "#!/usr/bin/env bash\n# ipam\n", "rwxr-xr-x");
        file(image.resolve("cni-plugin/target/brindle-shim"), "shim bytes", "rwxr-xr-x");
        file(image.resolve("cni-plugin/target/brindle-cni.jar"), "jar bytes", "rw-r--r--");
        Files.setLastModifiedTime(image.resolve("cni-plugin/target/brindle-cni.jar"), FileTime.from(JAR_TIME));
        file(image.resolve("cni-plugin/target/brindle-cni.aot"), "aot bytes", "rw-r--r--");
        Files.setLastModifiedTime(
                image.resolve("cni-plugin/target/brindle-cni.aot"), FileTime.from(JAR_TIME.plusSeconds(60)));
        file(image.resolve("jre/bin/java"), "#!/bin/sh\n", "rwxr-xr-x");
        file(image.resolve("jre/release"), "JAVA_VERSION=\"25\"\n", "rw-r--r--");
        file(image.resolve("jre/lib/modules"), "modules image", "rw-r--r--");
        Files.createSymbolicLink(image.resolve("jre/lib/link"), Path.of("modules"));
        file(tmp.resolve("image/usr/lib/cni/portmap"), "portmap from the image", "rwxr-xr-x");
        file(sa.resolve("token"), TOKEN + "\n", "rw-r--r--");
        file(sa.resolve("ca.crt"), CA, "rw-r--r--");
        env = new HashMap<>(Map.of(
                "NODENAME", "node-a",
                "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                "KUBERNETES_SERVICE_PORT", "443",
                "BRINDLE_SOURCE", image.toString(),
                "HOST_ROOT", host.toString(),
                "SERVICEACCOUNT_DIR", sa.toString(),
                "CNI_EXTRA_PLUGINS_DIR", tmp.resolve("image/usr/lib/cni").toString(),
                "CNI_NETWORK_CONFIG", ConflistTemplates.fromConfigMap()));
    }

    private static void file(Path p, String content, String mode) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    private void install() throws Exception {
        new InstallCni(InstallSettings.fromEnvironment(env)).install();
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void installsPluginsThatRunTheCopiedLaunchersOnTheCopiedRuntime() throws Exception {
        install();
        for (String plugin : new String[] {"brindle", "brindle-ipam"}) {
            Path shim = host.resolve("opt/cni/bin").resolve(plugin);
            assertThat(mode(shim)).isEqualTo("rwxr-xr-x");
            assertThat(Files.readString(shim))
                    .startsWith("#!/bin/sh\n")
                    .contains("JAVA_HOME=/opt/brindle/jre exec /opt/brindle/bin/" + plugin + " \"$@\"");
        }
        Path home = host.resolve("opt/brindle");
        for (String rel : new String[] {
            "bin/launcher.sh",
            "bin/brindle",
            "bin/brindle-ipam",
            "cni-plugin/target/brindle-shim",
            "cni-plugin/target/brindle-cni.jar",
            "cni-plugin/target/brindle-cni.aot",
            "jre/bin/java",
            "jre/release",
            "jre/lib/modules"
        }) {
            assertThat(home.resolve(rel)).hasSameBinaryContentAs(image.resolve(rel));
            assertThat(mode(home.resolve(rel))).as(rel).isEqualTo(mode(image.resolve(rel)));
            assertThat(Files.getLastModifiedTime(home.resolve(rel)))
                    .as(rel + " keeps its mtime (the AOT cache is validated against the jar's)")
                    .isEqualTo(Files.getLastModifiedTime(image.resolve(rel)));
        }
        assertThat(Files.readSymbolicLink(home.resolve("jre/lib/link"))).isEqualTo(Path.of("modules"));
    }

    @Test
    void installsPortmapOnlyWhereTheHostHasNone() throws Exception {
        install();
        Path portmap = host.resolve("opt/cni/bin/portmap");
        assertThat(portmap).hasContent("portmap from the image");
        assertThat(mode(portmap)).isEqualTo("rwxr-xr-x");

        file(portmap, "the host's own portmap", "rwxr-xr-x");
        install();
        assertThat(portmap).hasContent("the host's own portmap");

        Files.delete(portmap);
        Files.delete(tmp.resolve("image/usr/lib/cni/portmap"));
        assertThatThrownBy(this::install)
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("chains portmap")
                .hasMessageContaining("CNI_EXTRA_PLUGINS");
    }

    @Test
    void writesTheKubeconfigWithTheServiceAccountCredentialsReadableOnlyByRoot() throws Exception {
        install();
        Path kubeconfig = host.resolve("etc/cni/net.d/brindle-kubeconfig");
        assertThat(mode(kubeconfig)).isEqualTo("rw-------");
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
        assertThat(config.getMasterUrl()).isEqualTo("https://10.96.0.1:443/");
        assertThat(config.getAutoOAuthToken()).isEqualTo(TOKEN);
        assertThat(new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.UTF_8))
                .isEqualTo(CA);
    }

    @Test
    void rendersTheConflistForThisNode() throws Exception {
        install();
        Path conflist = host.resolve("etc/cni/net.d/10-brindle.conflist");
        assertThat(mode(conflist)).isEqualTo("rw-r--r--");
        JsonNode root = new ObjectMapper().readTree(Files.readString(conflist));
        JsonNode brindle = root.path("plugins").get(0);
        assertThat(brindle.path("type").asText()).isEqualTo("brindle");
        assertThat(brindle.path("nodename").asText()).isEqualTo("node-a");
        assertThat(brindle.path("kubeconfig").asText()).isEqualTo("/etc/cni/net.d/brindle-kubeconfig");
        assertThat(brindle.path("ipam").path("type").asText()).isEqualTo("brindle-ipam");
        assertThat(root.path("plugins").get(1).path("type").asText()).isEqualTo("portmap");
        assertThat(Files.readString(conflist)).doesNotContain("__");
    }

    @Test
    void aRunRepairsAStaleLinkThenASecondRunGivesTheSameFilesAndLeavesNoTemporaries() throws Exception {
        install();
        Files.delete(host.resolve("opt/brindle/jre/lib/link"));
        Files.createSymbolicLink(host.resolve("opt/brindle/jre/lib/link"), Path.of("stale"));
        install();
        Map<Path, String> first = snapshot();
        install();
        assertThat(snapshot()).isEqualTo(first);
        assertThat(Files.readSymbolicLink(host.resolve("opt/brindle/jre/lib/link")))
                .isEqualTo(Path.of("modules"));
        try (Stream<Path> all = Files.walk(host)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aNewImageReplacesTheInstalledFiles() throws Exception {
        install();
        file(image.resolve("cni-plugin/target/brindle-cni.jar"), "new jar bytes", "rw-r--r--");
        file(sa.resolve("token"), "rotated", "rw-r--r--");
        install();
        assertThat(host.resolve("opt/brindle/cni-plugin/target/brindle-cni.jar"))
                .hasContent("new jar bytes");
        assertThat(host.resolve("etc/cni/net.d/brindle-kubeconfig")).content().contains("token: \"rotated\"");
    }

    @Test
    void anIpv6ApiServerIsBracketed() throws Exception {
        env.put("KUBERNETES_SERVICE_HOST", "fd00::1");
        assertThat(InstallSettings.fromEnvironment(env).apiServer()).isEqualTo("https://[fd00::1]:443");
    }

    @Test
    void readsTheTemplateFromAFileWhenNotInline() throws Exception {
        env.remove("CNI_NETWORK_CONFIG");
        Path template = tmp.resolve("conflist.template");
        Files.writeString(template, ConflistTemplates.fromConfigMap());
        env.put("CNI_NETWORK_CONFIG_FILE", template.toString());
        install();
        assertThat(host.resolve("etc/cni/net.d/10-brindle.conflist")).content().contains("\"node-a\"");
    }

    @Test
    void refusesClearly() throws Exception {
        env.remove("NODENAME");
        assertThatThrownBy(this::install).isInstanceOf(InstallException.class).hasMessageContaining("NODENAME");
        env.put("NODENAME", "node-a");
        env.put("CNI_CONF_NAME", "10-brindle.conf");
        assertThatThrownBy(this::install).hasMessageContaining("CNI_CONF_NAME").hasMessageContaining(".conflist");
        env.remove("CNI_CONF_NAME");
        Files.delete(sa.resolve("token"));
        assertThatThrownBy(this::install).hasMessageContaining("token does not exist");
        file(sa.resolve("token"), TOKEN, "rw-r--r--");
        Files.delete(image.resolve("jre/release"));
        assertThatThrownBy(this::install).hasMessageContaining("jre is not a Java runtime");
        assertThat(host.resolve("etc/cni/net.d/10-brindle.conflist")).doesNotExist();
    }

    @Test
    void aBrokenTemplateFailsBeforeTheKubeletSeesIt() throws Exception {
        env.put("CNI_NETWORK_CONFIG", "{\"name\": \"x\", \"cniVersion\": \"1.0.0\", \"plugins\": [");
        assertThatThrownBy(this::install).hasMessageContaining("not valid JSON");
        env.put("CNI_NETWORK_CONFIG", ConflistTemplates.fromConfigMap().replace("__KUBECONFIG_FILEPATH__", "__X__"));
        assertThatThrownBy(this::install).hasMessageContaining("__X__");
        env.put("CNI_NETWORK_CONFIG", "{\"name\":\"x\",\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":\"bridge\"}]}");
        assertThatThrownBy(this::install).hasMessageContaining("first plugin must be \"type\": \"brindle\"");
        assertThat(host.resolve("etc/cni/net.d/10-brindle.conflist")).doesNotExist();
    }

    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> out = new HashMap<>();
        try (Stream<Path> all = Files.walk(host)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(host.relativize(p), Files.readString(p) + "|" + mode(p) + "|" + Files.getLastModifiedTime(p));
            }
        }
        return out;
    }
}
