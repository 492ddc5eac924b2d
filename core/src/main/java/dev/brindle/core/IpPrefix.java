package dev.brindle.core;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * A strictly masked IP network ({@code 10.244.0.0/26}): no host bits may be set. Used for pools, blocks and route
 * destinations. An address with a prefix length whose host bits are set (an interface address) is an
 * {@link AddressWithPrefix}.
 */
public record IpPrefix(InetAddress network, int length) implements Comparable<IpPrefix> {

    public IpPrefix {
        IpFamily family = IpFamily.of(network);
        if (length < 0 || length > family.bits()) {
            throw new IllegalArgumentException(
                    "prefix length " + length + " is out of range 0.." + family.bits() + " for " + network);
        }
        byte[] masked = mask(network.getAddress(), length);
        if (!Arrays.equals(masked, network.getAddress())) {
            throw new IllegalArgumentException("prefix " + IpAddresses.format(network) + "/" + length
                    + " has host bits set; the network is " + IpAddresses.format(IpAddresses.fromBytes(masked))
                    + "/" + length);
        }
    }

    /** Parses {@code a.b.c.d/n} or an IPv6 equivalent; a bare address means a host prefix (/32 or /128). */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return host(IpAddresses.parse(text));
        }
        InetAddress address = IpAddresses.parse(text.substring(0, slash));
        return new IpPrefix(address, parseLength(text, slash));
    }

    /** The network that contains {@code address} at {@code length}, host bits cleared. */
    public static IpPrefix containing(InetAddress address, int length) {
        if (length < 0 || length > IpFamily.of(address).bits()) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range for " + address);
        }
        return new IpPrefix(IpAddresses.fromBytes(mask(address.getAddress(), length)), length);
    }

    /** A /32 or /128 for one address. */
    public static IpPrefix host(InetAddress address) {
        return new IpPrefix(address, IpFamily.of(address).bits());
    }

    static int parseLength(String text, int slash) {
        try {
            return Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length in " + text, e);
        }
    }

    static byte[] mask(byte[] address, int length) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, length - 8 * i));
            out[i] &= (byte) (0xff << (8 - bitsHere));
        }
        return out;
    }

    public IpFamily family() {
        return IpFamily.of(network);
    }

    /** True when {@code address} lies inside this network. */
    public boolean contains(InetAddress address) {
        return IpFamily.of(address) == family()
                && Arrays.equals(mask(address.getAddress(), length), network.getAddress());
    }

    /** True when {@code other} is this network or a subnet of it. */
    public boolean contains(IpPrefix other) {
        return other.length >= length && contains(other.network);
    }

    /** True when the two networks share at least one address. */
    public boolean overlaps(IpPrefix other) {
        return contains(other) || other.contains(this);
    }

    /** The number of addresses in the network. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(family().bits() - length);
    }

    /** The address at {@code offset} from the network address (offset 0 is the network address itself). */
    public InetAddress addressAt(long offset) {
        if (offset < 0 || BigInteger.valueOf(offset).compareTo(size()) >= 0) {
            throw new IllegalArgumentException("offset " + offset + " is outside " + this);
        }
        BigInteger value = new BigInteger(1, network.getAddress()).add(BigInteger.valueOf(offset));
        return IpAddresses.fromBytes(toBytes(value, family().bytes()));
    }

    /** The offset of {@code address} from the network address; throws when it is outside. */
    public long offsetOf(InetAddress address) {
        if (!contains(address)) {
            throw new IllegalArgumentException(IpAddresses.format(address) + " is outside " + this);
        }
        return new BigInteger(1, address.getAddress())
                .subtract(new BigInteger(1, network.getAddress()))
                .longValueExact();
    }

    /** The {@code index}-th subnet of length {@code subLength} inside this network. */
    public IpPrefix subnet(int subLength, long index) {
        if (subLength < length || subLength > family().bits()) {
            throw new IllegalArgumentException("subnet length " + subLength + " does not fit in " + this);
        }
        BigInteger count = BigInteger.ONE.shiftLeft(subLength - length);
        if (index < 0 || BigInteger.valueOf(index).compareTo(count) >= 0) {
            throw new IllegalArgumentException("subnet index " + index + " is outside " + this);
        }
        BigInteger value = new BigInteger(1, network.getAddress())
                .add(BigInteger.valueOf(index).shiftLeft(family().bits() - subLength));
        return new IpPrefix(IpAddresses.fromBytes(toBytes(value, family().bytes())), subLength);
    }

    private static byte[] toBytes(BigInteger value, int width) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[width];
        int copy = Math.min(raw.length, width);
        System.arraycopy(raw, raw.length - copy, out, width - copy, copy);
        return out;
    }

    @Override
    public int compareTo(IpPrefix o) {
        if (family() != o.family()) {
            return family().compareTo(o.family());
        }
        int c = Arrays.compareUnsigned(network.getAddress(), o.network.getAddress());
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return IpAddresses.format(network) + "/" + length;
    }
}
