package dev.brindle.bgp.codec;

import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing the field encodings shared by several messages: IPv4/IPv6 addresses and the NLRI prefix
 * encoding of RFC 4271 §4.3 (length in bits, then the fewest octets that hold it), also used by RFC 4760.
 */
public final class WireFormat {
    private WireFormat() {}

    public static Inet4Address readIpv4(ByteBuf in) {
        byte[] b = new byte[4];
        in.readBytes(b);
        return ipv4(b);
    }

    public static void writeIpv4(ByteBuf out, Inet4Address address) {
        out.writeBytes(address.getAddress());
    }

    /**
     * Reads an address of {@code family}. IPv6 bytes always give an {@link Inet6Address}, even for IPv4-mapped
     * addresses, which {@link InetAddress#getByAddress(byte[])} would turn into IPv4 ones.
     */
    public static InetAddress readAddress(ByteBuf in, IpFamily family) {
        byte[] b = new byte[family.bytes()];
        in.readBytes(b);
        return address(b);
    }

    /**
     * Reads prefixes of {@code family} from the next {@code length} bytes. A prefix length beyond the family's
     * width, or a prefix running past {@code length}, is a syntax error reported as {@code error} (RFC 4271 §6.3,
     * RFC 7606 §5.3). Host bits beyond the prefix length are ignored, as RFC 4271 §4.3 says trailing bits are.
     */
    public static List<IpPrefix> readPrefixes(ByteBuf in, int length, IpFamily family, BgpError error) {
        int end = in.readerIndex() + length;
        List<IpPrefix> prefixes = new ArrayList<>();
        while (in.readerIndex() < end) {
            int bits = in.readUnsignedByte();
            if (bits > family.bits()) {
                throw new BgpProtocolException(
                        error, "prefix length " + bits + " exceeds " + family.bits() + " bits for " + family);
            }
            int octets = (bits + 7) / 8;
            if (in.readerIndex() + octets > end) {
                throw new BgpProtocolException(error, "prefix /" + bits + " runs past the end of its field");
            }
            byte[] b = new byte[family.bytes()];
            in.readBytes(b, 0, octets);
            prefixes.add(new IpPrefix(address(mask(b, bits)), bits));
        }
        return prefixes;
    }

    public static void writePrefixes(ByteBuf out, List<IpPrefix> prefixes) {
        for (IpPrefix p : prefixes) {
            out.writeByte(p.length());
            out.writeBytes(p.network().getAddress(), 0, prefixLength(p) - 1);
        }
    }

    /** Bytes one prefix takes on the wire: its length octet and the octets that hold its bits. */
    public static int prefixLength(IpPrefix prefix) {
        return 1 + (prefix.length() + 7) / 8;
    }

    static Inet4Address ipv4(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an IPv4 address", e);
        }
    }

    private static InetAddress address(byte[] b) {
        if (b.length == 4) {
            return ipv4(b);
        }
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    private static byte[] mask(byte[] b, int bits) {
        int full = bits / 8;
        if (bits % 8 != 0) {
            b[full] &= (byte) (0xff << (8 - bits % 8));
        }
        return b;
    }
}
