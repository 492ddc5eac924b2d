package dev.brindle.cni.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.cni.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled brindle-shim (target/brindle-shim, built by Maven's compile phase) against a scripted agent on a unix
 * socket: what it sends, how it relays an answer, and every way it falls back to the JVM plugin (here a script that
 * records how it was run).
 */
class BrindleShimTest {
    private static final Path SHIM = Path.of("target/brindle-shim").toAbsolutePath();

    @TempDir
    Path dir;

    private Path socket;
    private Path launcher;

    record Run(int exit, String stdout, String stderr) {}

    @BeforeEach
    void setUp() throws IOException {
        assertThat(SHIM).as("Maven's compile phase builds the shim").isExecutable();
        socket = dir.resolve("agent.sock");
        launcher = dir.resolve("jvm-plugin");
        Files.writeString(launcher, """
                #!/bin/bash
                printf '%s\\n' "$@" > "$(dirname "$0")/fallback.args"
                echo "$BRINDLE_SHIM $CNI_COMMAND" > "$(dirname "$0")/fallback.env"
                cat > "$(dirname "$0")/fallback.stdin"
                echo FALLBACK
                exit 7
                """);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    }

    private String conf() {
        return "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"agent_socket\":\""
                + socket.toString().replace("/", "\\/") + "\",\"x\":[1,{\"y\":\"\\u00e9\\ud83d\\ude00\"}],\"z\":null}";
    }

    private Run shim(String stdin) throws Exception {
        var pb = new ProcessBuilder(SHIM.toString(), "arg1");
        pb.environment().clear();
        pb.environment().put("BRINDLE_LAUNCHER", launcher.toString());
        pb.environment().put("CNI_COMMAND", "ADD");
        pb.environment().put("CNI_ARGS", "K8S_POD_NAME=web\t\"q\"");
        pb.environment().put("CNI_NETNS", dir.toString());
        pb.environment().put("PATH", "/usr/bin:/bin");
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        var out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        var err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream s) {
        try {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One connection: records the request line, answers {@code answer} (null: close without answering). */
    private CompletableFuture<String> agentAnswering(String answer) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server;
                    SocketChannel c = server.accept()) {
                var req = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(4096);
                while (!req.toString(StandardCharsets.UTF_8).endsWith("\n") && c.read(buf) >= 0) {
                    req.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                if (answer != null) {
                    c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                }
                return req.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void relaysTheAgentsAnswerAndSendsTheCallAsItCame() throws Exception {
        var request = agentAnswering(
                "{\"ok\":true,\"exit\":3,\"stdout\":\"{\\\"code\\\":3}\\n\",\"stderr\":\"line \\u00e9\\n\"}\n");
        Run run = shim(conf());

        assertThat(run).isEqualTo(new Run(3, "{\"code\":3}\n", "line é\n"));
        Map<String, Object> sent = JsonReader.parseObject(request.get().strip());
        assertThat(sent)
                .containsEntry("op", "cni")
                .containsEntry("netns", NetnsIdentity.ofSelf())
                .containsEntry("podNetns", NetnsIdentity.of(dir));
        assertThat(sent.get("env"))
                .as("only the CNI_ variables")
                .isEqualTo(Map.of(
                        "CNI_COMMAND", "ADD", "CNI_ARGS", "K8S_POD_NAME=web\t\"q\"", "CNI_NETNS", dir.toString()));
        assertThat(sent).containsEntry("stdin", conf());
    }

    @Test
    void noAgentRunsTheJvmPluginWithTheSameArgvEnvironmentAndStdin() throws Exception {
        Run run = shim(conf());
        assertFellBack(run, conf());
    }

    @Test
    void anAgentThatDeclinesOrRefusesRunsTheJvmPlugin() throws Exception {
        for (String answer : List.of(
                "{\"ok\":true,\"fallback\":true,\"reason\":\"another netns\"}\n",
                "{\"ok\":false,\"code\":7,\"msg\":\"unknown op cni\"}\n")) {
            var request = agentAnswering(answer);
            assertFellBack(shim(conf()), conf());
            assertThat(request.get()).startsWith("{\"op\":\"cni\"");
            Files.deleteIfExists(socket);
        }
    }

    @Test
    void aNetconfTheShimCannotReadGoesToTheJvmPluginForItsError() throws Exception {
        for (String stdin : List.of("not json", "{\"agent_socket\":5}", "{\"a\":1} trailing", "")) {
            assertFellBack(shim(stdin), stdin);
        }
    }

    @Test
    void anAgentThatTakesTheCallAndDiesAsksTheRuntimeToTryAgain() throws Exception {
        var request = agentAnswering(null);
        Run run = shim(conf());
        request.get();
        assertThat(run.exit()).isEqualTo(1);
        assertThat(JsonReader.parseObject(run.stdout().strip()))
                .containsEntry("code", 11L)
                .extractingByKey("msg")
                .asString()
                .contains(socket.toString());
    }

    @Test
    void aGarbledAnswerAsksTheRuntimeToTryAgain() throws Exception {
        var request = agentAnswering("{\"ok\":tru\n");
        Run run = shim(conf());
        request.get();
        assertThat(run.exit()).isEqualTo(1);
        assertThat(JsonReader.parseObject(run.stdout().strip())).containsEntry("code", 11L);
    }

    private void assertFellBack(Run run, String stdin) throws IOException {
        assertThat(run.exit()).as(run.toString()).isEqualTo(7);
        assertThat(run.stdout()).isEqualTo("FALLBACK\n");
        assertThat(Files.readString(dir.resolve("fallback.args"))).isEqualTo("arg1\n");
        assertThat(Files.readString(dir.resolve("fallback.env"))).isEqualTo("off ADD\n");
        assertThat(Files.readString(dir.resolve("fallback.stdin"))).isEqualTo(stdin);
    }
}
