package dev.brindle.netlink.codec;

import dev.brindle.core.IpFamily;
import dev.brindle.core.MacAddress;
import dev.brindle.netlink.FdbEntry;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.NeighbourState;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * RTM_*NEIGH messages: struct ndmsg followed by NDA_* attributes. ARP/NDP entries use AF_INET/AF_INET6; bridge FDB
 * entries on a VXLAN device use AF_BRIDGE with NTF_SELF, the MAC in NDA_LLADDR and the remote VTEP in NDA_DST.
 */
public final class NeighbourMessages {
    /** The NLM_F_* flags for a create: add, replace or append. */
    public static final int ADD = Nl.F_CREATE | Nl.F_EXCL;

    public static final int REPLACE = Nl.F_CREATE | Nl.F_REPLACE;
    public static final int APPEND = Nl.F_CREATE | Nl.F_APPEND;

    private NeighbourMessages() {}

    private static NlWriter ndmsg(NlWriter w, int family, int index, int state, int flags) {
        return w.u8(family).u8(0).u16(0).u32(index).u16(state).u8(flags).u8(0);
    }

    /** RTM_NEWNEIGH with {@code createFlags}, or RTM_DELNEIGH when {@code createFlags} is -1. */
    public static void writeNeighbour(NlWriter w, int createFlags, Neighbour n) {
        boolean delete = createFlags < 0;
        w.begin(delete ? Nl.RTM_DELNEIGH : Nl.RTM_NEWNEIGH, Nl.F_REQUEST | Nl.F_ACK | (delete ? 0 : createFlags), 0);
        ndmsg(
                w,
                IpFamily.of(n.address()).af(),
                n.linkIndex(),
                delete ? 0 : n.state().bits(),
                0);
        w.attrAddress(Nl.NDA_DST, n.address());
        n.mac().ifPresent(m -> w.attrBytes(Nl.NDA_LLADDR, m.bytes()));
        w.end();
    }

    /** RTM_NEWNEIGH (AF_BRIDGE, NTF_SELF, permanent) with {@code createFlags}, or RTM_DELNEIGH when -1. */
    public static void writeFdb(NlWriter w, int createFlags, FdbEntry e) {
        boolean delete = createFlags < 0;
        w.begin(delete ? Nl.RTM_DELNEIGH : Nl.RTM_NEWNEIGH, Nl.F_REQUEST | Nl.F_ACK | (delete ? 0 : createFlags), 0);
        ndmsg(w, Nl.AF_BRIDGE, e.linkIndex(), Nl.NUD_PERMANENT, Nl.NTF_SELF);
        w.attrBytes(Nl.NDA_LLADDR, e.mac().bytes());
        w.attrAddress(Nl.NDA_DST, e.destination());
        w.end();
    }

    /** A dump of one family (AF_INET, AF_INET6 or AF_BRIDGE), filtered by device under strict checking. */
    public static void dump(NlWriter w, int family, int linkIndex) {
        w.begin(Nl.RTM_GETNEIGH, Nl.F_REQUEST | Nl.F_DUMP, 0);
        ndmsg(w, family, 0, 0, 0);
        if (linkIndex != 0) {
            w.attrU32(Nl.NDA_IFINDEX, linkIndex);
        }
        w.end();
    }

    public static int family(ByteBuffer buf, int at) {
        return buf.get(at + Nl.HEADER) & 0xff;
    }

    /** Decodes an ARP/NDP entry; empty when it has no destination address. */
    public static Optional<Neighbour> decodeNeighbour(ByteBuffer buf, int at) {
        var attrs = attributes(buf, at);
        InetAddress dst = attrs.address(Nl.NDA_DST);
        if (dst == null) {
            return Optional.empty();
        }
        byte[] ll = attrs.bytes(Nl.NDA_LLADDR);
        Optional<MacAddress> mac =
                ll != null && ll.length == 6 ? Optional.of(MacAddress.ofBytes(ll)) : Optional.empty();
        int state = buf.getShort(at + Nl.HEADER + 8) & 0xffff;
        return Optional.of(new Neighbour(buf.getInt(at + Nl.HEADER + 4), dst, mac, NeighbourState.ofBits(state)));
    }

    /** Decodes an FDB entry; empty for entries without a remote (local MACs, multicast on bridge ports). */
    public static Optional<FdbEntry> decodeFdb(ByteBuffer buf, int at) {
        var attrs = attributes(buf, at);
        InetAddress dst = attrs.address(Nl.NDA_DST);
        byte[] ll = attrs.bytes(Nl.NDA_LLADDR);
        if (dst == null || ll == null || ll.length != 6) {
            return Optional.empty();
        }
        return Optional.of(new FdbEntry(buf.getInt(at + Nl.HEADER + 4), MacAddress.ofBytes(ll), dst));
    }

    private static NlAttributes attributes(ByteBuffer buf, int at) {
        return NlAttributes.parse(buf, at + Nl.HEADER + Nl.NDMSG, at + buf.getInt(at));
    }
}
