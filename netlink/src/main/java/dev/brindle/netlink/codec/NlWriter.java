package dev.brindle.netlink.codec;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Appends netlink messages to a buffer in native byte order: {@link #begin} writes the nlmsghdr, the caller writes
 * the fixed struct and attributes, {@link #end} fills in the length and pads to 4 bytes. Several messages may follow
 * each other in one buffer (one datagram).
 */
public final class NlWriter {
    private final ByteBuffer buf;
    private int messageStart = -1;

    public NlWriter(ByteBuffer buffer) {
        this.buf = buffer.order(ByteOrder.nativeOrder());
    }

    /** Starts a message; the sequence number may be patched later with {@link #setSequence}. */
    public NlWriter begin(int type, int flags, int sequence) {
        messageStart = buf.position();
        buf.putInt(0)
                .putShort((short) type)
                .putShort((short) flags)
                .putInt(sequence)
                .putInt(0);
        return this;
    }

    /** Finishes the current message; returns its start offset. */
    public int end() {
        buf.putInt(messageStart, buf.position() - messageStart);
        padTo4();
        int start = messageStart;
        messageStart = -1;
        return start;
    }

    public static void setSequence(ByteBuffer buffer, int messageOffset, int sequence) {
        buffer.putInt(messageOffset + 8, sequence);
    }

    public int position() {
        return buf.position();
    }

    public int remaining() {
        return buf.remaining();
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public NlWriter u8(int v) {
        buf.put((byte) v);
        return this;
    }

    public NlWriter u16(int v) {
        buf.putShort((short) v);
        return this;
    }

    public NlWriter u32(int v) {
        buf.putInt(v);
        return this;
    }

    public NlWriter bytes(byte[] v) {
        buf.put(v);
        return this;
    }

    public NlWriter attrU8(int type, int v) {
        header(type, 1);
        buf.put((byte) v);
        padTo4();
        return this;
    }

    /** A 16-bit attribute in network byte order (ports, e.g. IFLA_VXLAN_PORT). */
    public NlWriter attrU16BigEndian(int type, int v) {
        header(type, 2);
        buf.put((byte) (v >>> 8)).put((byte) v);
        padTo4();
        return this;
    }

    public NlWriter attrU32(int type, int v) {
        header(type, 4);
        buf.putInt(v);
        return this;
    }

    public NlWriter attrBytes(int type, byte[] v) {
        header(type, v.length);
        buf.put(v);
        padTo4();
        return this;
    }

    public NlWriter attrAddress(int type, InetAddress address) {
        return attrBytes(type, address.getAddress());
    }

    /** A NUL-terminated string (IFLA_IFNAME, IFLA_INFO_KIND). */
    public NlWriter attrString(int type, String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        header(type, b.length + 1);
        buf.put(b).put((byte) 0);
        padTo4();
        return this;
    }

    /** Starts a nested attribute; pass the result to {@link #endNested}. */
    public int beginNested(int type) {
        int start = buf.position();
        header(type | 0x8000, 0);
        return start;
    }

    public void endNested(int start) {
        buf.putShort(start, (short) (buf.position() - start));
    }

    private void header(int type, int payload) {
        buf.putShort((short) (4 + payload)).putShort((short) type);
    }

    private void padTo4() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
    }
}
