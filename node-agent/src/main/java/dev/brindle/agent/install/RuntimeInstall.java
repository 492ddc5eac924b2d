package dev.brindle.agent.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts the CNI plugin on the host: the launchers, the plugin jar and its AOT cache, and the image's jlink'd JRE go
 * to the install dir (the same layout as in the image, so the launchers find the jar and the AOT cache trained in
 * the image matches it), and the CNI bin dir gets a two-line {@code brindle} and {@code brindle-ipam} that run
 * those launchers on that JRE (a runtime starts CNI plugins with no JAVA_HOME).
 */
final class RuntimeInstall {
    /**
     * The files the plugins need, relative to the brindle home; the AOT cache is optional. brindle-shim is what
     * bin/brindle execs to hand a call to this agent; the jar runs when the agent cannot take it.
     */
    static final List<String> FILES = List.of(
            "bin/launcher.sh",
            "bin/brindle",
            "bin/brindle-ipam",
            "cni-plugin/target/brindle-shim",
            "cni-plugin/target/brindle-cni.jar");

    static final String AOT_CACHE = "cni-plugin/target/brindle-cni.aot";
    static final List<String> PLUGINS = List.of("brindle", "brindle-ipam");

    private RuntimeInstall() {}

    /** Copies into {@code target} (as the container sees it); returns the relative paths copied. */
    static List<String> copyHome(Path source, Path target) throws InstallException, IOException {
        List<String> copied = new ArrayList<>();
        for (String file : FILES) {
            if (!Files.isRegularFile(source.resolve(file))) {
                throw new InstallException(source.resolve(file) + " is missing from the image: it must hold"
                        + " bin/, cni-plugin/target/ and jre/ (see deploy/Dockerfile)");
            }
        }
        if (!Files.isExecutable(source.resolve("jre/bin/java"))
                || !Files.isRegularFile(source.resolve("jre/release"))) {
            throw new InstallException(source.resolve("jre") + " is not a Java runtime (no bin/java or release):"
                    + " the image must carry the jlink'd JDK 25 runtime there");
        }
        // The jar before the cache: a reader between the two renames sees an old cache older than the new jar,
        // which the launcher ignores, never a cache that does not match its jar.
        for (String file : FILES) {
            AtomicFiles.copy(source.resolve(file), target.resolve(file));
            copied.add(file);
        }
        if (Files.isRegularFile(source.resolve(AOT_CACHE))) {
            AtomicFiles.copy(source.resolve(AOT_CACHE), target.resolve(AOT_CACHE));
            copied.add(AOT_CACHE);
        }
        copied.addAll(copyTree(source, "jre", target));
        return copied;
    }

    private static List<String> copyTree(Path source, String dir, Path target) throws IOException {
        List<String> copied = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(source.resolve(dir))) {
            for (Path p : walk.sorted().toList()) {
                String rel = source.relativize(p).toString();
                Path to = target.resolve(rel);
                if (Files.isSymbolicLink(p)) {
                    AtomicFiles.link(to, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    AtomicFiles.copy(p, to);
                }
                copied.add(rel);
            }
        }
        return copied;
    }

    /**
     * Installs each chained plugin (portmap) the host lacks from the image's copy. A plugin the host already has is
     * left alone: it belongs to the host's package manager, and brindle does not depend on its version.
     */
    static List<String> installChained(List<String> plugins, Path from, Path cniBinOnHost)
            throws InstallException, IOException {
        List<String> installed = new ArrayList<>();
        for (String plugin : plugins) {
            if (Files.isExecutable(cniBinOnHost.resolve(plugin))) {
                continue;
            }
            if (!Files.isRegularFile(from.resolve(plugin))) {
                throw new InstallException("the conflist chains " + plugin + ", which is neither in the host's CNI"
                        + " bin dir nor in the image's " + from + " (CNI_EXTRA_PLUGINS_DIR): install the"
                        + " containernetworking-plugins on the node, or remove " + plugin + " from CNI_EXTRA_PLUGINS"
                        + " and the conflist");
            }
            AtomicFiles.copy(from.resolve(plugin), cniBinOnHost.resolve(plugin));
            installed.add(plugin);
        }
        return installed;
    }

    /** The script the runtime execs as {@code <cniBinDir>/<plugin>}. */
    static String shim(String plugin, Path installDir) {
        return """
                #!/bin/sh
                # Installed by brindle install-cni: the %1$s CNI plugin on the JDK 25 runtime in %2$s/jre.
                JAVA_HOME=%2$s/jre exec %2$s/bin/%1$s "$@"
                """.formatted(plugin, installDir);
    }

    static void writeShims(Path cniBinOnHost, Path installDir) throws IOException {
        for (String plugin : PLUGINS) {
            AtomicFiles.write(
                    cniBinOnHost.resolve(plugin),
                    shim(plugin, installDir).getBytes(StandardCharsets.UTF_8),
                    "rwxr-xr-x");
        }
    }
}
