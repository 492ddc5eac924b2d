package dev.brindle.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/crds/ holds the CRDs the build generates (crd-generator-maven-plugin writes them to
 * target/classes/META-INF/fabric8/). This fails when the committed copy drifted from the classes; refresh it with
 * {@code ./mvnw -pl datastore -am verify -DupdateCrds=true}.
 */
class CrdManifestsTest {
    static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
    static final Path COMMITTED = Path.of("../deploy/crds");

    @Test
    void committedCrdsEqualTheGeneratedOnes() throws IOException {
        List<Path> generated = yamlFiles(GENERATED);
        assertThat(generated).as("CRDs generated into %s", GENERATED).hasSize(8);
        if (Boolean.getBoolean("updateCrds")) {
            Files.createDirectories(COMMITTED);
            for (Path p : yamlFiles(COMMITTED)) {
                Files.delete(p);
            }
            for (Path p : generated) {
                Files.copy(p, COMMITTED.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(yamlFiles(COMMITTED).stream().map(Path::getFileName).map(Path::toString))
                .as("files in deploy/crds (refresh with -DupdateCrds=true)")
                .containsExactlyElementsOf(generated.stream()
                        .map(Path::getFileName)
                        .map(Path::toString)
                        .toList());
        for (Path p : generated) {
            assertThat(Files.readString(COMMITTED.resolve(p.getFileName())))
                    .as(
                            "deploy/crds/%s differs from the generated CRD; run ./mvnw -pl datastore -am verify"
                                    + " -DupdateCrds=true and commit it",
                            p.getFileName())
                    .isEqualTo(Files.readString(p));
        }
    }

    static List<Path> yamlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
