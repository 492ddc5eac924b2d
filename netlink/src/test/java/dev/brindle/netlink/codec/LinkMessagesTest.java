package dev.brindle.netlink.codec;

import static dev.brindle.netlink.codec.RouteMessagesTest.clean;
import static dev.brindle.netlink.codec.RouteMessagesTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.MacAddress;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.LinkKind;
import dev.brindle.netlink.VethSpec;
import dev.brindle.netlink.VxlanInfo;
import dev.brindle.netlink.VxlanSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RTM_*LINK layouts (linux/if_link.h, veth.h), by hand for a little-endian machine. */
class LinkMessagesTest {
    @BeforeAll
    static void littleEndian() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void bridgeCreateIsNameAndKindInLinkinfo() {
        assertThat(hex(w -> LinkMessages.newSimple(w, "br0", "bridge"))).isEqualTo(clean("""
                        38000000 1000 0506 00000000 00000000
                        00 00 0000 00000000 00000000 00000000
                        0800 0300 62723000
                        1000 1280 0b00 0100 627269646765 00 00
                        """));
    }

    @Test
    void setLinkUpByNameChangesOnlyIffUp() {
        assertThat(hex(w -> LinkMessages.setLink(w, "eth0", 1, 1).end())).isEqualTo(clean("""
                        2c000000 1300 0500 00000000 00000000
                        00 00 0000 00000000 01000000 01000000
                        0900 0300 6574683000 000000
                        """));
    }

    @Test
    void vethPeerCarriesItsOwnIfinfomsgNameMacMtuAndNamespaceFd() {
        var spec = VethSpec.of("cali1", "eth0")
                .withPeerNamespace(Path.of("/run/netns/x"))
                .withMacs(MacAddress.EEEE, MacAddress.parse("02:00:00:00:00:01"))
                .withMtu(1450);
        ByteBuffer buf = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        LinkMessages.newVeth(new NlWriter(buf), spec, 42);

        var top = NlAttributes.parse(buf, Nl.HEADER + Nl.IFINFOMSG, buf.getInt(0));
        assertThat(top.string(Nl.IFLA_IFNAME)).isEqualTo("cali1");
        assertThat(top.bytes(Nl.IFLA_ADDRESS)).isEqualTo(MacAddress.EEEE.bytes());
        var info = top.nested(Nl.IFLA_LINKINFO);
        assertThat(info.string(Nl.IFLA_INFO_KIND)).isEqualTo("veth");
        var data = info.nested(Nl.IFLA_INFO_DATA);
        int peerStart = data.offsetOf(Nl.VETH_INFO_PEER);
        int peerEnd = peerStart + (buf.getShort(peerStart - 4) - 4);
        var peer = NlAttributes.parse(buf, peerStart + Nl.IFINFOMSG, peerEnd);
        assertThat(peer.string(Nl.IFLA_IFNAME)).isEqualTo("eth0");
        assertThat(peer.bytes(Nl.IFLA_ADDRESS))
                .isEqualTo(MacAddress.parse("02:00:00:00:00:01").bytes());
        assertThat(peer.u32(Nl.IFLA_MTU, 0)).isEqualTo(1450);
        assertThat(peer.u32(Nl.IFLA_NET_NS_FD, -1)).isEqualTo(42);
        assertThat(buf.getInt(0)).as("nlmsg_len covers everything written").isEqualTo(buf.position());
    }

    @Test
    void vxlanAttributesHavePortInNetworkOrderAndLearningOff() {
        var spec = VxlanSpec.of("vxlan.brindle", 4096, 4789).withLocal(IpAddresses.parse("10.0.0.1"), 2);
        ByteBuffer buf = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        LinkMessages.newVxlan(new NlWriter(buf), spec);
        var data = NlAttributes.parse(buf, Nl.HEADER + Nl.IFINFOMSG, buf.getInt(0))
                .nested(Nl.IFLA_LINKINFO)
                .nested(Nl.IFLA_INFO_DATA);
        assertThat(data.u32(Nl.IFLA_VXLAN_ID, 0)).isEqualTo(4096);
        assertThat(data.bytes(Nl.IFLA_VXLAN_PORT)).containsExactly(0x12, 0xb5);
        assertThat(data.u8(Nl.IFLA_VXLAN_LEARNING, 1)).isZero();
        assertThat(data.u32(Nl.IFLA_VXLAN_LINK, 0)).isEqualTo(2);
        assertThat(data.bytes(Nl.IFLA_VXLAN_LOCAL)).containsExactly(10, 0, 0, 1);

        // The reply the kernel sends for such a device decodes to the same values.
        buf.putShort(4, (short) Nl.RTM_NEWLINK).putInt(Nl.HEADER + 4, 7).putInt(Nl.HEADER + 8, Nl.IFF_UP);
        Link link = LinkMessages.decode(buf, 0);
        assertThat(link.index()).isEqualTo(7);
        assertThat(link.kind()).isEqualTo(LinkKind.VXLAN);
        assertThat(link.up()).isTrue();
        assertThat(link.vxlan())
                .contains(new VxlanInfo(4096, 4789, Optional.of(IpAddresses.parse("10.0.0.1")), 2, false));
    }
}
