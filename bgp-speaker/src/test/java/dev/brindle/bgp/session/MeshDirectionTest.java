package dev.brindle.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.IpAddresses;
import org.junit.jupiter.api.Test;

class MeshDirectionTest {
    @Test
    void comparesAddressesAsStringsLikeCalicosTemplate() {
        // "192.0.2.9" > "192.0.2.10" as strings although 9 < 10 as numbers: .9 connects, .10 waits.
        var nine = IpAddresses.parse("192.0.2.9");
        var ten = IpAddresses.parse("192.0.2.10");
        assertThat(MeshDirection.waitsFor(ten, nine)).isTrue();
        assertThat(MeshDirection.waitsFor(nine, ten)).isFalse();
        assertThat(PeerConfig.meshPeer(ten, nine, 64512).passive()).isTrue();
        assertThat(PeerConfig.meshPeer(nine, ten, 64512).passive()).isFalse();
    }

    @Test
    void exactlyOneSideOfEveryPairConnects() {
        var a = IpAddresses.parse("10.0.0.5");
        var b = IpAddresses.parse("10.0.0.40");
        assertThat(MeshDirection.waitsFor(a, b)).isNotEqualTo(MeshDirection.waitsFor(b, a));
    }
}
