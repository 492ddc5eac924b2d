package dev.brindle.bgp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** NOTIFICATION and the RFC 9003 shutdown communication. */
class NotificationTest {
    @Test
    void shutdownCommunicationIsLengthPrefixedUtf8() {
        BgpNotification n = BgpNotification.shutdown(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN, "node drained ✓");

        byte[] text = "node drained ✓".getBytes(StandardCharsets.UTF_8);
        assertThat(n.data().get(0)).isEqualTo(text.length);
        assertThat(roundTrip(n).shutdownCommunication()).contains("node drained ✓");
    }

    @Test
    void shutdownCommunicationIsCutTo255BytesWithoutSplittingACharacter() {
        String text = "é".repeat(200); // 400 bytes of UTF-8

        BgpNotification n = BgpNotification.shutdown(BgpError.CEASE_ADMINISTRATIVE_RESET, text);

        assertThat(n.data().get(0)).isEqualTo(254);
        assertThat(n.shutdownCommunication()).contains("é".repeat(127));
    }

    @Test
    void shutdownCommunicationOnlyGoesInAdministrativeShutdownOrReset() {
        assertThatThrownBy(() -> BgpNotification.shutdown(BgpError.CEASE_PEER_DECONFIGURED, "bye"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 9003");
    }

    @Test
    void lengthRunningPastTheDataIsNoCommunication() {
        BgpNotification n = new BgpNotification(6, 2, Octets.fromHex("0a6869"));

        assertThat(n.shutdownCommunication()).isEmpty();
    }

    @Test
    void invalidUtf8IsNoCommunication() {
        BgpNotification n = new BgpNotification(6, 4, Octets.fromHex("02c328"));

        assertThat(n.shutdownCommunication()).isEmpty();
    }

    @Test
    void unknownCodesSurviveParsing() {
        BgpNotification n = new BgpNotification(42, 7, Octets.fromHex("beef"));

        assertThat(roundTrip(n)).isEqualTo(n);
        assertThat(n.error()).isEmpty();
    }

    @Test
    void protocolExceptionBecomesItsNotification() {
        var e = new BgpProtocolException(BgpError.BAD_MESSAGE_LENGTH, new byte[] {0x10, 0x01});

        assertThat(e.toNotification()).isEqualTo(new BgpNotification(1, 2, Octets.fromHex("1001")));
    }

    private static BgpNotification roundTrip(BgpNotification n) {
        return (BgpNotification)
                BgpMessageCodec.decode(BgpMessageCodec.encode(n, BgpCodecContext.INITIAL), BgpCodecContext.INITIAL);
    }
}
