package dev.brindle.bgp.speaker;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * "Next hop self" for a prefix of either family on a session of either family. The session's own address when the
 * families match; an IPv6 prefix over an IPv4 session gets the IPv4-mapped IPv6 address of our end (RFC 4291
 * §2.5.5.2, what BIRD and FRR send when they have no IPv6 address for the session); an IPv4 prefix over an IPv6
 * session gets the router ID, the node's IPv4 address in Calico. An agent that knows better passes an explicit next
 * hop with the announcement.
 */
final class NextHopSelf {
    private NextHopSelf() {}

    static InetAddress of(IpFamily prefixFamily, InetAddress sessionLocal, SpeakerConfig config) {
        if (IpFamily.of(sessionLocal) == prefixFamily) {
            return sessionLocal;
        }
        if (prefixFamily == IpFamily.V4) {
            return config.routerId();
        }
        return mapped((Inet4Address) sessionLocal);
    }

    /** ::ffff:a.b.c.d, kept an {@link Inet6Address} by {@link IpAddresses#fromBytes}. */
    private static Inet6Address mapped(Inet4Address v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        return (Inet6Address) IpAddresses.fromBytes(b);
    }
}
