package dev.brindle.netlink.codec;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.netlink.Address;
import dev.brindle.netlink.RouteScope;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** RTM_*ADDR messages: struct ifaddrmsg followed by IFA_* attributes. */
public final class AddressMessages {
    private AddressMessages() {}

    /** RTM_NEWADDR (create, fail if present) or RTM_DELADDR; IFA_LOCAL and IFA_ADDRESS both carry the address. */
    public static void write(NlWriter w, boolean add, Address address) {
        int flags = Nl.F_REQUEST | Nl.F_ACK | (add ? Nl.F_CREATE | Nl.F_EXCL : 0);
        w.begin(add ? Nl.RTM_NEWADDR : Nl.RTM_DELADDR, flags, 0);
        AddressWithPrefix a = address.address();
        w.u8(a.family().af())
                .u8(a.prefixLength())
                .u8(0)
                .u8(address.scope().code())
                .u32(address.linkIndex());
        w.attrAddress(Nl.IFA_LOCAL, a.address()).attrAddress(Nl.IFA_ADDRESS, a.address());
        w.end();
    }

    /** A dump of one family; with strict checking the kernel filters by {@code linkIndex} too. */
    public static void dump(NlWriter w, IpFamily family, int linkIndex) {
        w.begin(Nl.RTM_GETADDR, Nl.F_REQUEST | Nl.F_DUMP, 0);
        w.u8(family.af()).u8(0).u8(0).u8(0).u32(linkIndex);
        w.end();
    }

    public static Address decode(ByteBuffer buf, int at) {
        int length = buf.getInt(at);
        int body = at + Nl.HEADER;
        int prefixLength = buf.get(body + 1) & 0xff;
        int scope = buf.get(body + 3) & 0xff;
        int index = buf.getInt(body + 4);
        var attrs = NlAttributes.parse(buf, body + Nl.IFADDRMSG, at + length);
        InetAddress local = attrs.address(Nl.IFA_LOCAL);
        if (local == null) {
            local = attrs.address(Nl.IFA_ADDRESS);
        }
        return new Address(index, new AddressWithPrefix(local, prefixLength), RouteScope.ofCode(scope));
    }
}
