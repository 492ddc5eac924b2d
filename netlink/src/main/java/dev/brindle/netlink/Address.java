package dev.brindle.netlink;

import dev.brindle.core.AddressWithPrefix;

/** An address on an interface (RTM_NEWADDR). */
public record Address(int linkIndex, AddressWithPrefix address, RouteScope scope) {
    public Address {
        if (linkIndex <= 0) {
            throw new IllegalArgumentException("address " + address + " needs a link index > 0, not " + linkIndex);
        }
    }

    /** An address with the scope the kernel gives by default (universe; link for IPv6 fe80::/10). */
    public static Address of(int linkIndex, AddressWithPrefix address) {
        byte[] b = address.address().getAddress();
        boolean linkLocal6 = b.length == 16 && (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80;
        return new Address(linkIndex, address, linkLocal6 ? RouteScope.LINK : RouteScope.UNIVERSE);
    }
}
