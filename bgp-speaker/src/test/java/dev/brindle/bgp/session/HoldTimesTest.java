package dev.brindle.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HoldTimesTest {
    @Test
    void takesTheSmallerHoldTimeAndAThirdOfItAsKeepalive() {
        HoldTimes t = HoldTimes.negotiate(90, 240);
        assertThat(t.hold()).isEqualTo(Duration.ofSeconds(90));
        assertThat(t.keepalive()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void holdZeroOnEitherSideDisablesBothTimers() {
        assertThat(HoldTimes.negotiate(0, 90).enabled()).isFalse();
        assertThat(HoldTimes.negotiate(90, 0)).isEqualTo(HoldTimes.NONE);
    }

    @Test
    void keepaliveIsNeverMoreOftenThanOncePerSecond() {
        assertThat(HoldTimes.negotiate(3, 90).keepalive()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void sendHoldIsTheLargerOfEightMinutesAndTwiceTheHoldTime() {
        assertThat(HoldTimes.negotiate(90, 90).sendHold()).isEqualTo(Duration.ofMinutes(8));
        assertThat(HoldTimes.negotiate(600, 600).sendHold()).isEqualTo(Duration.ofMinutes(20));
    }
}
