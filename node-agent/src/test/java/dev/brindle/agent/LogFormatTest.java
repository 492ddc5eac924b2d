package dev.brindle.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --log-format json}: logback's JsonEncoder as the agent configures it, on a private logger context. */
class LogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonIsOneObjectPerLineWithLevelLoggerMessageAndKeyFields() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(LogFormat.jsonEncoder(context));
        appender.setOutputStream(sink);
        appender.start();
        Logger log = context.getLogger("dev.brindle.agent.NodeAgent");
        log.addAppender(appender);

        log.atInfo()
                .addKeyValue("node", "node1")
                .log("node {} registered with \"address\" {}", "node1", "192.168.1.10/24");
        log.warn("IPAM GC failed", new IllegalStateException("datastore unreachable"));
        appender.stop();

        List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("loggerName").asText()).isEqualTo("dev.brindle.agent.NodeAgent");
        assertThat(first.path("formattedMessage").asText())
                .isEqualTo("node node1 registered with \"address\" 192.168.1.10/24");
        assertThat(first.path("timestamp").asLong()).isPositive();
        assertThat(first.path("kvpList").findValuesAsText("node")).containsExactly("node1");
        assertThat(first.has("context")).as("no per-line context").isFalse();
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.path("level").asText()).isEqualTo("WARN");
        assertThat(second.path("throwable").path("message").asText()).isEqualTo("datastore unreachable");
    }

    @Test
    void formatsParseInAnyCaseAndTextIsTheDefaultPattern() {
        assertThat(LogFormat.parse("json")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.parse("TEXT")).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.TEXT.apply()).isTrue();
        assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessageContaining("text or json");
    }
}
