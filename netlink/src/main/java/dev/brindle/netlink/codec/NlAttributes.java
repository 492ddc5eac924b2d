package dev.brindle.netlink.codec;

import dev.brindle.core.IpAddresses;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The attributes of one region of a message, indexed by type (flags bits masked off). Only the first occurrence
 * of a type is kept, which is all rtnetlink replies use for the attributes brindle reads.
 */
public final class NlAttributes {
    private static final int MAX_TYPE = 64;
    private final ByteBuffer buf;
    private final int[] offset = new int[MAX_TYPE];
    private final int[] length = new int[MAX_TYPE];

    private NlAttributes(ByteBuffer buf) {
        this.buf = buf;
        Arrays.fill(offset, -1);
    }

    /** Parses the attributes in {@code [from, to)}; a malformed length ends the parse. */
    public static NlAttributes parse(ByteBuffer buf, int from, int to) {
        var attrs = new NlAttributes(buf);
        int p = from;
        while (p + 4 <= to) {
            int len = buf.getShort(p) & 0xffff;
            int type = buf.getShort(p + 2) & 0x3fff;
            if (len < 4 || p + len > to) {
                break;
            }
            if (type < MAX_TYPE && attrs.offset[type] < 0) {
                attrs.offset[type] = p + 4;
                attrs.length[type] = len - 4;
            }
            p += Nl.align(len);
        }
        return attrs;
    }

    public boolean has(int type) {
        return offset[type] >= 0;
    }

    public int u8(int type, int absent) {
        return has(type) ? buf.get(offset[type]) & 0xff : absent;
    }

    public int u16BigEndian(int type, int absent) {
        return has(type) ? ((buf.get(offset[type]) & 0xff) << 8) | (buf.get(offset[type] + 1) & 0xff) : absent;
    }

    public int u32(int type, int absent) {
        return has(type) ? buf.getInt(offset[type]) : absent;
    }

    public byte[] bytes(int type) {
        if (!has(type)) {
            return null;
        }
        byte[] b = new byte[length[type]];
        buf.get(offset[type], b);
        return b;
    }

    /** The attribute as an IP address when it has 4 or 16 bytes, else null. */
    public InetAddress address(int type) {
        byte[] b = bytes(type);
        return b != null && (b.length == 4 || b.length == 16) ? IpAddresses.fromBytes(b) : null;
    }

    /** A NUL-terminated string attribute. */
    public String string(int type) {
        byte[] b = bytes(type);
        if (b == null) {
            return null;
        }
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** The attributes nested inside {@code type}, or an empty set. */
    public NlAttributes nested(int type) {
        return has(type) ? parse(buf, offset[type], offset[type] + length[type]) : new NlAttributes(buf);
    }

    /** Where the payload of {@code type} starts (for nested structs such as VETH_INFO_PEER). */
    public int offsetOf(int type) {
        return offset[type];
    }
}
