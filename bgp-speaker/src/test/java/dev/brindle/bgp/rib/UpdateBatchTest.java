package dev.brindle.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.bgp.codec.WireFormat;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateBatchTest {

    /** RFC 4271 §4: an UPDATE is at most 4096 bytes, so a large batch must be split by bytes, not by count. */
    @Test
    void splitsByNlriBytesSoIpv6BatchesFitInAMessage() {
        var batch = new UpdateBatch();
        var attrs = PathAttributes.originated(IpAddresses.parse("fd00::1"));
        List<IpPrefix> all = new ArrayList<>();
        IpPrefix pool = IpPrefix.parse("fd00:10::/48");
        for (int i = 0; i < 1000; i++) {
            IpPrefix p = pool.subnet(64, i);
            all.add(p);
            batch.announce(p, attrs);
        }
        List<RouteUpdate> updates = batch.drain();
        assertThat(updates).hasSizeGreaterThan(2);
        for (RouteUpdate u : updates) {
            int bytes =
                    u.announced().stream().mapToInt(WireFormat::prefixLength).sum();
            assertThat(bytes).isLessThanOrEqualTo(UpdateBatch.NLRI_BYTES_PER_UPDATE);
        }
        assertThat(updates.stream().flatMap(u -> u.announced().stream()).toList())
                .isEqualTo(all);
        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void aLaterWithdrawReplacesAnEarlierAnnounce() {
        var batch = new UpdateBatch();
        IpPrefix p = IpPrefix.parse("10.244.1.0/26");
        batch.announce(p, PathAttributes.originated(IpAddresses.parse("192.0.2.1")));
        batch.withdraw(p);
        List<RouteUpdate> updates = batch.drain();
        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.withdrawn()).containsExactly(p);
            assertThat(u.announced()).isEmpty();
        });
    }
}
