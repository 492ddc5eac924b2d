package dev.brindle.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.session.GracefulRestartCapability;
import dev.brindle.bgp.session.ManualTimers;
import dev.brindle.bgp.session.OpenParameters;
import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOpensTest {
    static final Inet4Address ME = (Inet4Address) IpAddresses.parse("192.0.2.100");
    static final PeerConfig PEER = PeerConfig.of(IpAddresses.parse("192.0.2.1"), 64512);

    final ManualTimers timers = new ManualTimers();

    @Test
    void restartBitIsSetOnlyDuringTheFirstRestartTimeAfterStart() {
        LocalOpens opens = new LocalOpens(SpeakerConfig.of(64512, ME).withGracefulRestart(120), timers);

        assertThat(gracefulRestart(opens).restarting()).isTrue();
        timers.advance(Duration.ofSeconds(119));
        assertThat(gracefulRestart(opens).restarting()).isTrue();
        timers.advance(Duration.ofSeconds(1));
        GracefulRestartCapability later = gracefulRestart(opens);
        assertThat(later.restarting()).isFalse();
        assertThat(later.restartTimeSeconds()).isEqualTo(120);
        assertThat(later.families()).isEqualTo(Map.of(IpFamily.V4, true, IpFamily.V6, true));
    }

    @Test
    void noGracefulRestartCapabilityWhenItsTimeIsZero() {
        OpenParameters open = new LocalOpens(SpeakerConfig.of(64512, ME).withGracefulRestart(0), timers).forPeer(PEER);

        assertThat(open.gracefulRestart()).isEmpty();
        assertThat(open.families()).containsExactlyInAnyOrder(IpFamily.V4, IpFamily.V6);
    }

    private static GracefulRestartCapability gracefulRestart(LocalOpens opens) {
        return opens.forPeer(PEER).gracefulRestart().orElseThrow();
    }
}
