package dev.brindle.bgp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.core.IpAddresses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerOptionTest {
    static final Duration RETRY = Duration.ofSeconds(3);

    static PeerConfig parse(String spec, String self) {
        return PeerOption.parse(spec, IpAddresses.parse(self), 64512, 90, RETRY);
    }

    @Test
    void aBareAddressIsAnActiveInternalPeerOnPort179() {
        PeerConfig p = parse("192.0.2.1", "192.0.2.100");
        assertThat(p).isEqualTo(PeerConfig.of(IpAddresses.parse("192.0.2.1"), 64512));
    }

    @Test
    void readsPortAsKeyPassiveHoldRetryAndReflectorClient() {
        PeerConfig p =
                parse("192.0.2.1:1179,as=65001,md5=s3cret,passive,hold=9,connect-retry=0.5,rr-client", "192.0.2.100");
        assertThat(p.port()).isEqualTo(1179);
        assertThat(p.remoteAs()).isEqualTo(65001);
        assertThat(p.md5Key()).contains("s3cret");
        assertThat(p.passive()).isTrue();
        assertThat(p.holdTimeSeconds()).isEqualTo(9);
        assertThat(p.connectRetry()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.reflectorClient()).isTrue();
    }

    @Test
    void meshAppliesCalicosStringRule() {
        assertThat(parse("192.0.2.9,mesh", "192.0.2.10").passive()).isTrue();
        assertThat(parse("192.0.2.10,mesh", "192.0.2.9").passive()).isFalse();
    }

    @Test
    void rejectsUnknownOptionsAndBadNumbersNamingTheSpec() {
        assertThatThrownBy(() -> parse("192.0.2.1,colour=blue", "192.0.2.100"))
                .hasMessageContaining("--peer 192.0.2.1,colour=blue")
                .hasMessageContaining("unknown option 'colour'");
        assertThatThrownBy(() -> parse("192.0.2.1,hold=2", "192.0.2.100"))
                .hasMessageContaining("hold time 2 must be 0 or 3..65535");
        assertThatThrownBy(() -> parse("192.0.2.1,as=x", "192.0.2.100")).hasMessageContaining("needs a number");
    }

    @Test
    void jsonStringsAreEscaped() {
        assertThat(JsonLines.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    @Test
    void sessionLinesCarryPeerStateAndError() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonLines(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .session(new dev.brindle.bgp.speaker.PeerStatus(
                        IpAddresses.parse("192.0.2.1"),
                        64512,
                        true,
                        false,
                        dev.brindle.bgp.session.SessionState.IDLE,
                        java.time.Instant.parse("2026-11-21T10:00:00Z"),
                        "hold timer expired",
                        3,
                        1,
                        false));
        assertThat(bytes.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("{\"event\":\"session\",\"peer\":\"192.0.2.1\",\"as\":64512,\"state\":\"Idle\","
                        + "\"since\":\"2026-11-21T10:00:00Z\",\"error\":\"hold timer expired\",\"received\":3,"
                        + "\"advertised\":1}");
    }
}
