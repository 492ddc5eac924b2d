package dev.brindle.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code brindle-node} (shaded jar) with {@code --log-format json}: every line it writes to stderr, from start
 * to SIGTERM, is one JSON object, and the registration line carries the node as a key field. On a loopback address the
 * agent touches no kernel state, so this needs no root.
 */
class LogFormatIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "brindle-node.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private ProcessBuilder agent(String... extra) {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString(),
                "--node-name",
                "logs1",
                "--ip",
                "127.0.0.1/8",
                "--datastore",
                "file:" + dir.resolve("store"),
                "--run-dir",
                dir.resolve("run").toString()));
        argv.addAll(List.of(extra));
        return new ProcessBuilder(argv)
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
    }

    @Test
    void everyStderrLineIsAJsonObjectWithTheNodeAsKeyField() throws Exception {
        Process p = agent("--log-format", "json").start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(dir.resolve("run").resolve("agent.sock")));
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        List<String> lines = Files.readAllLines(dir.resolve("stderr"));
        assertThat(lines).isNotEmpty();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            assertThat(e.isObject()).as(line).isTrue();
            assertThat(e.path("level").asText()).as(line).isNotEmpty();
            events.add(e);
        }
        assertThat(events)
                .anySatisfy(e -> {
                    assertThat(e.path("formattedMessage").asText()).contains("node logs1 registered");
                    assertThat(e.path("kvpList").findValuesAsText("node")).containsExactly("logs1");
                })
                .anySatisfy(e -> assertThat(e.path("formattedMessage").asText()).contains("shutting down"));
    }

    @Test
    void anUnknownFormatIsABadCommandLine() throws Exception {
        Process p = agent("--log-format", "xml").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("stderr"))).contains("--log-format must be text or json");
    }
}
