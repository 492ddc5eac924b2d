package dev.brindle.datastore.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.selector.Selector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IPPoolTest {
    private static IPPool.Spec spec(String cidr, int blockSize, EncapMode ipip, EncapMode vxlan) {
        return new IPPool.Spec(IpPrefix.parse(cidr), blockSize, ipip, vxlan, false, false, false, null, null, null);
    }

    @Test
    void fillsCalicoDefaults() {
        IPPool.Spec v4 = IPPool.Spec.defaults(IpPrefix.parse("10.244.0.0/16"));
        IPPool.Spec v6 = IPPool.Spec.defaults(IpPrefix.parse("fd00:10::/48"));

        assertThat(v4.blockSize()).isEqualTo(26);
        assertThat(v6.blockSize()).isEqualTo(122);
        assertThat(v4.ipipMode()).isEqualTo(EncapMode.Never);
        assertThat(v4.vxlanMode()).isEqualTo(EncapMode.Never);
        assertThat(v4.nodeSelector().selectsAll()).isTrue();
        assertThat(v4.allowedUses()).containsExactly(AllowedUse.Workload, AllowedUse.Tunnel);
        assertThat(v4.assignmentMode()).isEqualTo(AssignmentMode.Automatic);
    }

    @Test
    void blockSizeOutOfRangeNamesFieldAndRule() {
        assertThatThrownBy(() -> spec("10.0.0.0/16", 33, null, null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("spec.blockSize: must be between 20 and 32 for IPv4, got 33");
        assertThatThrownBy(() -> spec("fd00::/48", 100, null, null))
                .hasMessageContaining("spec.blockSize: must be between 116 and 128 for IPv6, got 100");
    }

    @Test
    void poolSmallerThanABlockIsRefused() {
        assertThatThrownBy(() -> spec("10.0.0.0/28", 26, null, null))
                .hasMessageContaining("spec.blockSize: must be at least the pool's prefix length 28");
        assertThat(spec("10.0.0.0/26", 26, null, null).blockSize()).isEqualTo(26);
    }

    @Test
    void linkLocalOverlapIsRefused() {
        assertThatThrownBy(() -> spec("169.254.0.0/20", 26, null, null))
                .hasMessageContaining("spec.cidr: must not overlap the link-local range 169.254.0.0/16");
        assertThatThrownBy(() -> spec("fe80::/64", 122, null, null)).hasMessageContaining("fe80::/10");
        assertThatThrownBy(() -> spec("160.0.0.0/4", 26, null, null)).hasMessageContaining("link-local");
    }

    @Test
    void encapsulationRules() {
        assertThatThrownBy(() -> spec("10.0.0.0/16", 26, EncapMode.Always, EncapMode.CrossSubnet))
                .hasMessageContaining("spec.vxlanMode: ipipMode and vxlanMode cannot both be enabled");
        assertThatThrownBy(() -> spec("fd00::/48", 122, EncapMode.Always, null))
                .hasMessageContaining("spec.ipipMode: IPIP is only for IPv4 pools");
        assertThat(spec("fd00::/48", 122, null, EncapMode.Always).vxlanMode()).isEqualTo(EncapMode.Always);
    }

    @Test
    void everyFieldErrorIsReportedAtOnce() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                ValidationException.class, () -> spec("fd00::/48", 99, EncapMode.Always, EncapMode.Always));
        assertThat(e.errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("spec.blockSize", "spec.ipipMode", "spec.vxlanMode");
    }

    @Test
    void cidrIsRequired() {
        assertThatThrownBy(() -> new IPPool.Spec(null, 0, null, null, false, false, false, null, null, null))
                .hasMessageContaining("spec.cidr: is required");
    }

    @Test
    void immutableFieldsOnUpdate() {
        IPPool old = IPPool.of("p", "10.0.0.0/16");
        IPPool moved = old.withSpec(IPPool.Spec.defaults(IpPrefix.parse("10.1.0.0/16")));
        assertThatThrownBy(() -> IPPoolRules.checkUpdate(old, moved))
                .hasMessageContaining("spec.cidr: is immutable (was 10.0.0.0/16, got 10.1.0.0/16)");
        IPPoolRules.checkUpdate(old, old.withSpec(old.spec().withDisabled(true)));
    }

    @Test
    void overlapWithAnotherPoolNamesBoth() {
        IPPool a = IPPool.of("a", "10.0.0.0/8");
        assertThatThrownBy(() -> IPPoolRules.checkCreate(IPPool.of("b", "10.9.0.0/16"), List.of(a), List.of()))
                .hasMessageContaining("IPPool(b) CIDR overlaps with IPPool(a) CIDR 10.0.0.0/8");
        IPPoolRules.checkCreate(IPPool.of("c", "192.168.0.0/16"), List.of(a), List.of());
    }

    @Test
    void blocksLeftInTheRangeMustHaveThePoolsBlockSize() {
        var leftover = IPAMBlock.empty(IpPrefix.parse("10.0.0.0/28"), "node-1", 1, java.time.Instant.EPOCH);
        assertThatThrownBy(() -> IPPoolRules.checkCreate(IPPool.of("p", "10.0.0.0/16"), List.of(), List.of(leftover)))
                .hasMessageContaining("spec.blockSize: must match the existing block 10.0.0.0/28 inside the pool (28)");
        IPPoolRules.checkCreate(IPPool.of("q", "10.1.0.0/16"), List.of(), List.of(leftover));
    }

    @Test
    void servesOnlyMatchingEnabledAutomaticPoolsForAllowedUses() {
        IPPool pool = IPPool.of("p", "10.0.0.0/16");
        IPPool zoned = pool.withSpec(pool.spec().withNodeSelector(Selector.parse("zone == 'a'")));
        assertThat(zoned.serves(Map.of("zone", "a"), AllowedUse.Workload)).isTrue();
        assertThat(zoned.serves(Map.of("zone", "b"), AllowedUse.Workload)).isFalse();
        assertThat(pool.withSpec(pool.spec().withDisabled(true)).serves(Map.of(), AllowedUse.Workload))
                .isFalse();
    }
}
