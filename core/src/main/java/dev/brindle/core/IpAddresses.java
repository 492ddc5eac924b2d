package dev.brindle.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Strict parsing and canonical printing of IP address literals.
 *
 * <p>{@link InetAddress#getByName} would resolve a host name through DNS when handed something that is not a
 * literal; everything brindle reads (netconf, resources, flags) must be a literal, so this class refuses names
 * instead of looking them up. IPv6 is printed in the RFC 5952 compressed form that {@code ip} prints.
 */
public final class IpAddresses {
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]+");

    private IpAddresses() {}

    /** Parses an IPv4 or IPv6 literal; never consults DNS. */
    public static InetAddress parse(String literal) {
        if (literal == null || literal.isEmpty()) {
            throw new IllegalArgumentException("empty IP address");
        }
        var m = V4.matcher(literal);
        if (m.matches()) {
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + literal);
                }
                b[i] = (byte) octet;
            }
            return fromBytes(b);
        }
        if (literal.indexOf(':') >= 0 && V6.matcher(literal).matches()) {
            try {
                // A literal containing ':' and only hex digits, dots and colons is never resolved by DNS. The JDK
                // turns ::ffff:a.b.c.d into an IPv4 address; keep the family the text names.
                InetAddress parsed = InetAddress.getByName(literal);
                return parsed instanceof Inet6Address ? parsed : mapped(parsed.getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IPv6 address: " + literal, e);
            }
        }
        throw new IllegalArgumentException("not an IP address literal: " + literal);
    }

    /** Wraps 4 or 16 raw bytes. */
    public static InetAddress fromBytes(byte[] bytes) {
        if (bytes.length != 4 && bytes.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
        }
        try {
            // InetAddress.getByAddress would turn 16 bytes of ::ffff:a.b.c.d into an IPv4 address.
            return bytes.length == 4 ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static InetAddress mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return fromBytes(b);
    }

    /** The canonical text: dotted quad, or RFC 5952 compressed IPv6 (longest zero run as {@code ::}). */
    public static String format(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        var sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
