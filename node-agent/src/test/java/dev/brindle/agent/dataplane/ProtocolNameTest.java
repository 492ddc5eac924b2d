package dev.brindle.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolNameTest {
    @Test
    void writesNinetyEightBrindleIntoAnExistingDirectory(@TempDir Path dir) throws Exception {
        assertThat(ProtocolName.install(dir)).isTrue();

        assertThat(Files.readAllLines(dir.resolve("brindle.conf"))).contains("98\tbrindle");
        assertThat(ProtocolName.install(dir)).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("brindle.conf"));
        }
    }

    @Test
    void doesNothingWithoutTheDirectory(@TempDir Path dir) throws Exception {
        assertThat(ProtocolName.install(dir.resolve("missing"))).isFalse();
        assertThat(dir.resolve("missing")).doesNotExist();
    }
}
