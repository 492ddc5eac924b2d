package dev.brindle.core;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The two IP families, with their Linux address-family numbers (AF_INET, AF_INET6) and sizes. */
public enum IpFamily {
    V4(2, 32),
    V6(10, 128);

    private final int af;
    private final int bits;

    IpFamily(int af, int bits) {
        this.af = af;
        this.bits = bits;
    }

    /** The Linux address family number as used in netlink messages. */
    public int af() {
        return af;
    }

    /** Address width in bits: 32 or 128. */
    public int bits() {
        return bits;
    }

    /** Address width in bytes: 4 or 16. */
    public int bytes() {
        return bits / 8;
    }

    public static IpFamily of(InetAddress address) {
        return address instanceof Inet4Address ? V4 : V6;
    }

    /** The family for a Linux address family number; throws for anything else. */
    public static IpFamily ofAf(int af) {
        return switch (af) {
            case 2 -> V4;
            case 10 -> V6;
            default -> throw new IllegalArgumentException("not an IP address family: " + af);
        };
    }
}
