package dev.brindle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IpPrefixTest {

    @Test
    void parsesAndPrintsIpv4() {
        IpPrefix p = IpPrefix.parse("10.244.0.64/26");
        assertThat(p.toString()).isEqualTo("10.244.0.64/26");
        assertThat(p.size()).hasToString("64");
        assertThat(p.contains(IpAddresses.parse("10.244.0.127"))).isTrue();
        assertThat(p.contains(IpAddresses.parse("10.244.0.128"))).isFalse();
    }

    @Test
    void refusesHostBitsAndNamesTheNetwork() {
        assertThatThrownBy(() -> IpPrefix.parse("10.244.0.1/26"))
                .hasMessageContaining("host bits set")
                .hasMessageContaining("10.244.0.0/26");
    }

    @Test
    void refusesLengthOutOfRange() {
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/33")).hasMessageContaining("out of range 0..32");
    }

    @Test
    void refusesHostNamesInsteadOfResolvingThem() {
        assertThatThrownBy(() -> IpAddresses.parse("localhost")).hasMessageContaining("not an IP address literal");
        assertThatThrownBy(() -> IpAddresses.parse("256.1.1.1")).hasMessageContaining("not an IPv4");
    }

    @Test
    void subnetsAndOffsets() {
        IpPrefix pool = IpPrefix.parse("10.244.0.0/16");
        assertThat(pool.subnet(26, 0)).hasToString("10.244.0.0/26");
        assertThat(pool.subnet(26, 5)).hasToString("10.244.1.64/26");
        assertThat(pool.subnet(26, 1023)).hasToString("10.244.255.192/26");
        assertThatThrownBy(() -> pool.subnet(26, 1024)).hasMessageContaining("outside");
        IpPrefix block = IpPrefix.parse("10.244.1.64/26");
        assertThat(IpAddresses.format(block.addressAt(3))).isEqualTo("10.244.1.67");
        assertThat(block.offsetOf(IpAddresses.parse("10.244.1.100"))).isEqualTo(36);
    }

    @Test
    void ipv6CompressedLikeIproute2() {
        assertThat(IpPrefix.parse("fd00:10:244::/64").toString()).isEqualTo("fd00:10:244::/64");
        assertThat(IpAddresses.format(IpAddresses.parse("::1"))).isEqualTo("::1");
        assertThat(IpAddresses.format(IpAddresses.parse("fe80:0:0:0:1:0:0:1"))).isEqualTo("fe80::1:0:0:1");
        assertThat(IpAddresses.format(IpAddresses.parse("1:0:2:0:3:0:4:0"))).isEqualTo("1:0:2:0:3:0:4:0");
    }

    @Test
    void ipv4MappedIpv6StaysIpv6() {
        assertThat(IpAddresses.parse("::ffff:10.0.0.1")).isInstanceOf(java.net.Inet6Address.class);
        IpPrefix mappedRange = IpPrefix.parse("::ffff:0:0/96");
        assertThat(mappedRange.family()).isEqualTo(IpFamily.V6);
        assertThat(mappedRange.subnet(120, 1).family()).isEqualTo(IpFamily.V6);
        assertThat(IpPrefix.containing(IpAddresses.parse("::ffff:10.0.0.1"), 96))
                .isEqualTo(mappedRange);
    }

    @Test
    void overlapIsSymmetric() {
        IpPrefix a = IpPrefix.parse("10.0.0.0/8");
        IpPrefix b = IpPrefix.parse("10.1.0.0/16");
        IpPrefix c = IpPrefix.parse("11.0.0.0/8");
        assertThat(a.overlaps(b)).isTrue();
        assertThat(b.overlaps(a)).isTrue();
        assertThat(a.overlaps(c)).isFalse();
    }

    @Property
    void containingAlwaysContainsTheAddress(
            @ForAll @IntRange(min = 0, max = 255) int a,
            @ForAll @IntRange(min = 0, max = 255) int b,
            @ForAll @IntRange(min = 0, max = 32) int len) {
        var address = IpAddresses.parse("10." + a + "." + b + ".7");
        IpPrefix p = IpPrefix.containing(address, len);
        assertThat(p.contains(address)).isTrue();
        assertThat(IpPrefix.parse(p.toString())).isEqualTo(p);
    }

    @Test
    void macRoundTrip() {
        assertThat(MacAddress.EEEE.toString()).isEqualTo("ee:ee:ee:ee:ee:ee");
        assertThat(MacAddress.ofBytes(MacAddress.parse("66:0A:01:02:03:04").bytes()))
                .hasToString("66:0a:01:02:03:04");
        assertThatThrownBy(() -> MacAddress.parse("66:0a:01")).hasMessageContaining("six hex octets");
    }

    @Test
    void addressWithPrefixKnowsItsNetwork() {
        assertThat(AddressWithPrefix.parse("192.168.1.10/24").network()).hasToString("192.168.1.0/24");
    }
}
