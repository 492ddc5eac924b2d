package dev.brindle.core;

import java.net.InetAddress;

/**
 * An interface address with its prefix length ({@code 192.168.1.10/24}); host bits are expected. {@link #network()}
 * gives the subnet it sits in, which is what CrossSubnet decisions compare.
 */
public record AddressWithPrefix(InetAddress address, int prefixLength) {

    public AddressWithPrefix {
        int bits = IpFamily.of(address).bits();
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException(
                    "prefix length " + prefixLength + " is out of range 0.." + bits + " for " + address);
        }
    }

    /** Parses {@code a.b.c.d/n}; a bare address gets a host prefix length. */
    public static AddressWithPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            InetAddress address = IpAddresses.parse(text);
            return new AddressWithPrefix(address, IpFamily.of(address).bits());
        }
        return new AddressWithPrefix(IpAddresses.parse(text.substring(0, slash)), IpPrefix.parseLength(text, slash));
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }

    /** The network this address sits in. */
    public IpPrefix network() {
        return IpPrefix.containing(address, prefixLength);
    }

    @Override
    public String toString() {
        return IpAddresses.format(address) + "/" + prefixLength;
    }
}
