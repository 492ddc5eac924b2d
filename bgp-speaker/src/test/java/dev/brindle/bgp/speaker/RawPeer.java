package dev.brindle.bgp.speaker;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A hand-driven BGP peer on a plain socket, for sending what no real daemon would: every byte is written by the
 * test, and what comes back is read message by message.
 */
final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    /** A received message: type and body. */
    record Message(int type, byte[] body) {
        int notificationCode() {
            return body[0] & 0xff;
        }

        int notificationSubcode() {
            return body[1] & 0xff;
        }
    }

    RawPeer(InetAddress local, InetSocketAddress speaker) throws IOException {
        socket = new Socket();
        socket.setSoTimeout(10_000);
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(speaker, 5000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** OPEN (AS 64512, hold 90, the given identifier, MP IPv4 + 4-octet AS), then waits for OPEN + KEEPALIVE. */
    void establish(String hexId) throws IOException {
        byte[] caps = HexFormat.of().parseHex("0104000100014104" + "0000fc00");
        ByteBuffer b = ByteBuffer.allocate(10 + 2 + caps.length);
        b.put((byte) 4)
                .putShort((short) 64512)
                .putShort((short) 90)
                .put(HexFormat.of().parseHex(hexId));
        b.put((byte) (caps.length + 2)).put((byte) 2).put((byte) caps.length).put(caps);
        send(1, b.array());
        expect(1);
        send(4, new byte[0]);
        expect(4);
    }

    void send(int type, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(19 + body.length);
        for (int i = 0; i < 16; i++) {
            b.put((byte) 0xff);
        }
        b.putShort((short) (19 + body.length)).put((byte) type).put(body);
        out.write(b.array());
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads messages until one of {@code type} arrives (KEEPALIVEs and UPDATEs in between are skipped). */
    Message expect(int type) throws IOException {
        while (true) {
            Message m = read();
            if (m.type() == type) {
                return m;
            }
        }
    }

    Message read() throws IOException {
        byte[] header = in.readNBytes(19);
        if (header.length < 19) {
            throw new IOException("connection closed");
        }
        int len = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
        return new Message(header[18], in.readNBytes(len - 19));
    }

    /** True once the speaker has closed the connection (EOF). */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An UPDATE body announcing one prefix with the given attribute bytes. */
    static byte[] update(String attributesHex, String nlriHex) {
        byte[] attrs = HexFormat.of().parseHex(attributesHex);
        byte[] nlri = HexFormat.of().parseHex(nlriHex);
        return ByteBuffer.allocate(4 + attrs.length + nlri.length)
                .putShort((short) 0)
                .putShort((short) attrs.length)
                .put(attrs)
                .put(nlri)
                .array();
    }

    /** ORIGIN IGP, empty AS_PATH, NEXT_HOP 127.0.0.2, LOCAL_PREF 100. */
    static final String GOOD_ATTRS = "40010100" + "400200" + "4003047f000002" + "40050400000064";
}
