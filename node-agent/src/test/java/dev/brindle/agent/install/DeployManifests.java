package dev.brindle.agent.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The manifests in deploy/ (not deploy/crds/), parsed by fabric8 into typed Kubernetes objects. */
final class DeployManifests {
    /** deploy/ from node-agent's directory, where surefire runs. */
    static final Path DIR = Path.of("..", "deploy").toAbsolutePath().normalize();

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DeployManifests() {}

    static List<Path> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> crdFiles() {
        try (Stream<Path> files = Files.list(DIR.resolve("crds"))) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of {@code file}. */
    static List<HasMetadata> parse(Path file) {
        try {
            Object parsed = SERIALIZATION.unmarshal(Files.readString(file));
            List<HasMetadata> out = new ArrayList<>();
            if (parsed instanceof List<?> list) {
                list.forEach(o -> out.add((HasMetadata) o));
            } else {
                out.add((HasMetadata) parsed);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of every manifest in deploy/. */
    static List<HasMetadata> all() {
        return files().stream().flatMap(f -> parse(f).stream()).toList();
    }

    /** The one object of {@code type} named {@code name}. */
    static <T extends HasMetadata> T one(Class<T> type, String name) {
        return all().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name))
                .reduce((a, b) -> {
                    throw new AssertionError("two " + type.getSimpleName() + " named " + name);
                })
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name + " in " + DIR));
    }
}
