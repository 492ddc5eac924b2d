package dev.brindle.lab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentProcessTest {
    @Test
    void theReadyWaitIsSixtySecondsUnlessTheEnvironmentSaysOtherwise() {
        assertThat(AgentProcess.readyTimeout(null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(AgentProcess.readyTimeout(" ")).isEqualTo(Duration.ofSeconds(60));
        assertThat(AgentProcess.readyTimeout("900")).isEqualTo(Duration.ofSeconds(900));
        assertThatThrownBy(() -> AgentProcess.readyTimeout("10m"))
                .hasMessageContaining("BRINDLE_LAB_READY_TIMEOUT")
                .hasMessageContaining("'10m'");
    }
}
