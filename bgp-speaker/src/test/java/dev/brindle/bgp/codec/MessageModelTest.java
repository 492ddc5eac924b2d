package dev.brindle.bgp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.bgp.codec.attr.AsPathSegment;
import dev.brindle.bgp.codec.attr.MpReachNlri;
import dev.brindle.bgp.codec.attr.MpUnreachNlri;
import dev.brindle.bgp.codec.attr.Origin;
import dev.brindle.bgp.codec.capability.GracefulRestartCapability;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The invariants the message records enforce, so a malformed message cannot even be built. */
class MessageModelTest {
    @Test
    void updateRefusesTheSameAttributeTypeTwice() {
        assertThatThrownBy(() -> new BgpUpdate(List.of(), List.of(Origin.IGP, Origin.EGP), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribute type 1 appears twice");
    }

    @Test
    void updateBodyCarriesOnlyIpv4Prefixes() {
        assertThatThrownBy(() -> new BgpUpdate(List.of(), List.of(), List.of(IpPrefix.parse("2001:db8::/32"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MP_REACH");
    }

    @Test
    void mpReachNextHopMustBeOfItsFamily() {
        assertThatThrownBy(
                        () -> new MpReachNlri(AfiSafi.IPV6_UNICAST, List.of(IpAddresses.parse("192.0.2.1")), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asPathSegmentHoldsOneTo255Asns() {
        assertThatThrownBy(() -> new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gracefulRestartTimeHas12Bits() {
        assertThatThrownBy(() -> new GracefulRestartCapability(false, false, 4096, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4095");
    }

    @Test
    void endOfRibIsAnEmptyUpdateForIpv4AndAnEmptyMpUnreachOtherwise() {
        assertThat(EndOfRib.of(AfiSafi.IPV4_UNICAST)).isEqualTo(new BgpUpdate(List.of(), List.of(), List.of()));
        assertThat(EndOfRib.of(AfiSafi.IPV6_UNICAST).attributes())
                .containsExactly(new MpUnreachNlri(AfiSafi.IPV6_UNICAST, List.of()));
    }

    @Test
    void updateWithdrawingSomethingIsNoEndOfRib() {
        BgpUpdate withdraw = new BgpUpdate(
                List.of(),
                List.of(new MpUnreachNlri(AfiSafi.IPV6_UNICAST, List.of(IpPrefix.parse("2001:db8::/32")))),
                List.of());

        assertThat(withdraw.isEndOfRib()).isFalse();
        assertThat(EndOfRib.family(withdraw)).isEmpty();
    }

    @Test
    void errorsAreFoundByCodeAndSubcode() {
        assertThat(BgpError.of(6, 7)).contains(BgpError.CEASE_CONNECTION_COLLISION_RESOLUTION);
        assertThat(BgpError.of(5, 2)).contains(BgpError.FSM_UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM);
        assertThat(BgpError.of(9, 9)).isEmpty();
    }
}
