package dev.brindle.lab.cluster;

import dev.brindle.lab.Cmd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The real brindle programs the lab runs: the launchers in {@code bin/} of the checkout, their jars built once when
 * missing, and a CNI bin dir in which {@code brindle} and {@code brindle-ipam} sit beside Debian's reference plugins
 * (what kubelet's runtime would see in {@code /opt/cni/bin}).
 */
public record Binaries(Path home) {
    private static final Path REFERENCE_PLUGINS = Path.of("/usr/lib/cni");
    private static final List<String> JARS = List.of(
            "node-agent/target/brindle-node.jar", "cni-plugin/target/brindle-cni.jar", "ctl/target/brindlectl.jar");

    /** The checkout: {@code $BRINDLE_HOME} (set by the launchers), else found upwards from the working directory. */
    public static Binaries locate() {
        Optional<Path> fromEnv =
                Optional.ofNullable(System.getenv("BRINDLE_HOME")).map(Path::of);
        Path p = fromEnv.orElse(Path.of("").toAbsolutePath());
        while (p != null && !Files.isExecutable(p.resolve("bin/brindle-node"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the brindle checkout (bin/brindle-node); set BRINDLE_HOME");
        }
        return new Binaries(p);
    }

    public Path bin(String name) {
        return home.resolve("bin").resolve(name);
    }

    /** Builds the jars the lab needs when any is missing, in one Maven run, telling the operator it does. */
    public void ensureBuilt(Consumer<String> progress) {
        List<String> missing = new ArrayList<>();
        for (String jar : JARS) {
            if (!Files.isRegularFile(home.resolve(jar))) {
                missing.add(jar.substring(0, jar.indexOf('/')));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        progress.accept("building " + String.join(", ", missing) + " (first run; about a minute)...");
        Cmd.run(List.of(
                        "bash",
                        "-c",
                        "cd \"$1\" && JAVA_HOME=\"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}\" ./mvnw -q -B"
                                + " -DskipTests -Dspotless.check.skip=true -pl \"$2\" -am package",
                        "build",
                        home.toString(),
                        String.join(",", missing)))
                .orThrow();
    }

    /** Fills {@code dir} with symlinks: our two plugins and every reference plugin (loopback, portmap, host-local…). */
    public void populateCniBin(Path dir) {
        try {
            Files.createDirectories(dir);
            link(dir.resolve("brindle"), bin("brindle"));
            link(dir.resolve("brindle-ipam"), bin("brindle-ipam"));
            if (Files.isDirectory(REFERENCE_PLUGINS)) {
                try (Stream<Path> s = Files.list(REFERENCE_PLUGINS)) {
                    for (Path p : s.toList()) {
                        link(dir.resolve(p.getFileName()), p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot populate " + dir, e);
        }
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }
}
