package dev.brindle.netlink.codec;

import dev.brindle.core.IpFamily;
import dev.brindle.core.MacAddress;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.LinkKind;
import dev.brindle.netlink.VethSpec;
import dev.brindle.netlink.VxlanInfo;
import dev.brindle.netlink.VxlanSpec;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/** RTM_*LINK messages: struct ifinfomsg followed by IFLA_* attributes (rtnetlink(7)). */
public final class LinkMessages {
    private static final int CREATE = Nl.F_REQUEST | Nl.F_ACK | Nl.F_CREATE | Nl.F_EXCL;

    private LinkMessages() {}

    private static NlWriter ifinfomsg(NlWriter w, int index, int flags, int change) {
        return w.u8(Nl.AF_UNSPEC).u8(0).u16(0).u32(index).u32(flags).u32(change);
    }

    /** An empty ifinfomsg and the name, MAC and MTU (0: kernel default) of a device being created. */
    private static void device(NlWriter w, String name, Optional<MacAddress> mac, int mtu) {
        ifinfomsg(w, 0, 0, 0).attrString(Nl.IFLA_IFNAME, name);
        mac.ifPresent(m -> w.attrBytes(Nl.IFLA_ADDRESS, m.bytes()));
        if (mtu != 0) {
            w.attrU32(Nl.IFLA_MTU, mtu);
        }
    }

    /** A veth pair; {@code peerNamespaceFd} is -1 to keep the peer in this namespace. */
    public static void newVeth(NlWriter w, VethSpec spec, int peerNamespaceFd) {
        w.begin(Nl.RTM_NEWLINK, CREATE, 0);
        device(w, spec.name(), spec.mac(), spec.mtu());
        int info = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrString(Nl.IFLA_INFO_KIND, "veth");
        int data = w.beginNested(Nl.IFLA_INFO_DATA);
        // VETH_INFO_PEER carries a whole ifinfomsg and then the peer's own IFLA_* attributes (veth.c veth_newlink).
        int peer = w.beginNested(Nl.VETH_INFO_PEER);
        device(w, spec.peerName(), spec.peerMac(), spec.mtu());
        if (peerNamespaceFd >= 0) {
            w.attrU32(Nl.IFLA_NET_NS_FD, peerNamespaceFd);
        }
        w.endNested(peer);
        w.endNested(data);
        w.endNested(info);
        w.end();
    }

    /** A VXLAN device with learning off (IFLA_VXLAN_LEARNING 0), as Calico's vxlan.calico. */
    public static void newVxlan(NlWriter w, VxlanSpec spec) {
        w.begin(Nl.RTM_NEWLINK, CREATE, 0);
        device(w, spec.name(), spec.mac(), spec.mtu());
        int info = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrString(Nl.IFLA_INFO_KIND, "vxlan");
        int data = w.beginNested(Nl.IFLA_INFO_DATA);
        w.attrU32(Nl.IFLA_VXLAN_ID, spec.vni());
        spec.local()
                .ifPresent(a ->
                        w.attrAddress(IpFamily.of(a) == IpFamily.V4 ? Nl.IFLA_VXLAN_LOCAL : Nl.IFLA_VXLAN_LOCAL6, a));
        if (spec.parentIndex() != 0) {
            w.attrU32(Nl.IFLA_VXLAN_LINK, spec.parentIndex());
        }
        w.attrU8(Nl.IFLA_VXLAN_LEARNING, 0);
        w.attrU16BigEndian(Nl.IFLA_VXLAN_PORT, spec.port());
        w.endNested(data);
        w.endNested(info);
        w.end();
    }

    /** A device that needs nothing but a kind (bridge, dummy). */
    public static void newSimple(NlWriter w, String name, String kind) {
        w.begin(Nl.RTM_NEWLINK, CREATE, 0);
        ifinfomsg(w, 0, 0, 0).attrString(Nl.IFLA_IFNAME, name);
        int info = w.beginNested(Nl.IFLA_LINKINFO);
        w.attrString(Nl.IFLA_INFO_KIND, kind);
        w.endNested(info);
        w.end();
    }

    /**
     * Starts an RTM_SETLINK for the link called {@code name} (the kernel looks it up by IFLA_IFNAME when the index
     * is 0); the caller appends attributes and calls {@link NlWriter#end()}.
     */
    public static NlWriter setLink(NlWriter w, String name, int ifFlags, int ifChange) {
        w.begin(Nl.RTM_SETLINK, Nl.F_REQUEST | Nl.F_ACK, 0);
        return ifinfomsg(w, 0, ifFlags, ifChange).attrString(Nl.IFLA_IFNAME, name);
    }

    public static void delete(NlWriter w, String name) {
        w.begin(Nl.RTM_DELLINK, Nl.F_REQUEST | Nl.F_ACK, 0);
        ifinfomsg(w, 0, 0, 0).attrString(Nl.IFLA_IFNAME, name);
        w.end();
    }

    public static void getByName(NlWriter w, String name) {
        w.begin(Nl.RTM_GETLINK, Nl.F_REQUEST | Nl.F_ACK, 0);
        ifinfomsg(w, 0, 0, 0).attrString(Nl.IFLA_IFNAME, name);
        w.end();
    }

    public static void getByIndex(NlWriter w, int index) {
        w.begin(Nl.RTM_GETLINK, Nl.F_REQUEST | Nl.F_ACK, 0);
        ifinfomsg(w, index, 0, 0);
        w.end();
    }

    public static void dump(NlWriter w) {
        w.begin(Nl.RTM_GETLINK, Nl.F_REQUEST | Nl.F_DUMP, 0);
        ifinfomsg(w, 0, 0, 0);
        w.end();
    }

    /** Decodes an RTM_NEWLINK/RTM_DELLINK message starting at {@code at}. */
    public static Link decode(ByteBuffer buf, int at) {
        int length = buf.getInt(at);
        int body = at + Nl.HEADER;
        int index = buf.getInt(body + 4);
        int flags = buf.getInt(body + 8);
        var attrs = NlAttributes.parse(buf, body + Nl.IFINFOMSG, at + length);
        byte[] address = attrs.bytes(Nl.IFLA_ADDRESS);
        Optional<MacAddress> mac =
                address != null && address.length == 6 ? Optional.of(MacAddress.ofBytes(address)) : Optional.empty();
        var info = attrs.nested(Nl.IFLA_LINKINFO);
        LinkKind kind = LinkKind.ofKernelName(info.string(Nl.IFLA_INFO_KIND));
        Optional<VxlanInfo> vxlan =
                kind == LinkKind.VXLAN ? Optional.of(vxlanInfo(info.nested(Nl.IFLA_INFO_DATA))) : Optional.empty();
        return new Link(
                index,
                attrs.string(Nl.IFLA_IFNAME),
                kind,
                mac,
                attrs.u32(Nl.IFLA_MTU, 0),
                (flags & Nl.IFF_UP) != 0,
                attrs.u32(Nl.IFLA_MASTER, 0),
                vxlan);
    }

    private static VxlanInfo vxlanInfo(NlAttributes data) {
        InetAddress local = data.address(Nl.IFLA_VXLAN_LOCAL);
        if (local == null) {
            local = data.address(Nl.IFLA_VXLAN_LOCAL6);
        }
        return new VxlanInfo(
                data.u32(Nl.IFLA_VXLAN_ID, 0),
                data.u16BigEndian(Nl.IFLA_VXLAN_PORT, 0),
                Optional.ofNullable(local),
                data.u32(Nl.IFLA_VXLAN_LINK, 0),
                data.u8(Nl.IFLA_VXLAN_LEARNING, 1) != 0);
    }
}
