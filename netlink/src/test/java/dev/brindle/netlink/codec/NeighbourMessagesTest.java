package dev.brindle.netlink.codec;

import static dev.brindle.netlink.codec.RouteMessagesTest.clean;
import static dev.brindle.netlink.codec.RouteMessagesTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.MacAddress;
import dev.brindle.netlink.Address;
import dev.brindle.netlink.FdbEntry;
import dev.brindle.netlink.Neighbour;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ndmsg and ifaddrmsg layouts (linux/neighbour.h, if_addr.h), by hand for a little-endian machine. */
class NeighbourMessagesTest {
    @BeforeAll
    static void littleEndian() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void vxlanFdbEntryIsAfBridgeSelfPermanentWithMacAndDst() {
        var e = new FdbEntry(5, MacAddress.parse("66:01:02:03:04:05"), IpAddresses.parse("10.0.0.2"));
        assertThat(hex(w -> NeighbourMessages.writeFdb(w, NeighbourMessages.REPLACE, e)))
                .isEqualTo(clean("""
                        30000000 1c00 0505 00000000 00000000
                        07 00 0000 05000000 8000 02 00
                        0a00 0200 660102030405 0000
                        0800 0100 0a000002
                        """));
    }

    @Test
    void permanentArpEntryRoundTrips() {
        var n = Neighbour.permanent(3, IpAddresses.parse("10.244.7.0"), MacAddress.parse("66:0a:0b:0c:0d:0e"));
        ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        NeighbourMessages.writeNeighbour(new NlWriter(buf), NeighbourMessages.ADD, n);
        assertThat(buf.getShort(4)).isEqualTo((short) Nl.RTM_NEWNEIGH);
        assertThat(buf.getShort(6)).isEqualTo((short) (Nl.F_REQUEST | Nl.F_ACK | Nl.F_CREATE | Nl.F_EXCL));
        assertThat(NeighbourMessages.decodeNeighbour(buf, 0)).contains(n);
        assertThat(NeighbourMessages.decodeFdb(buf, 0))
                .as("no NDA_DST+6-byte lladdr pair missing")
                .isPresent();
    }

    @Test
    void addressCarriesLocalAndAddressAndRoundTrips() {
        var a = Address.of(2, AddressWithPrefix.parse("10.0.0.1/24"));
        assertThat(hex(w -> AddressMessages.write(w, true, a))).isEqualTo(clean("""
                        28000000 1400 0506 00000000 00000000
                        02 18 00 00 02000000
                        0800 0200 0a000001
                        0800 0100 0a000001
                        """));
        ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        AddressMessages.write(new NlWriter(buf), true, a);
        assertThat(AddressMessages.decode(buf, 0)).isEqualTo(a);
    }

    @Test
    void attributeParsingSkipsPaddingAndStopsAtMalformedLengths() {
        ByteBuffer buf = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        var w = new NlWriter(buf);
        w.attrString(3, "abcde").attrU32(4, 1500);
        buf.putShort(buf.position(), (short) 200).putShort(buf.position() + 2, (short) 9); // claims past the end
        var attrs = NlAttributes.parse(buf, 0, buf.position() + 8);
        assertThat(attrs.string(3)).isEqualTo("abcde");
        assertThat(attrs.u32(4, 0)).isEqualTo(1500);
        assertThat(attrs.has(9)).isFalse();
    }
}
