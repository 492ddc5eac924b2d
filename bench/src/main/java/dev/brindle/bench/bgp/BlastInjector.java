package dev.brindle.bench.bgp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A raw BGP speaker that costs the receiver nothing to keep up with: every UPDATE is encoded before the session
 * starts (about 800 /26 NLRI per 4 KiB UPDATE, one attribute set) and all are written at once right after
 * Established, the method of the lab's {@code bgpblast.py} (bgp-facts.md §3a) so the receiver is the bottleneck.
 * Run inside the injector's namespace; prints {@code established <epoch µs>} and {@code sent <n>} on stdout and
 * keeps the session alive (KEEPALIVEs) until stdin closes.
 *
 * <pre>BlastInjector PEER LOCAL COUNT</pre>
 */
public final class BlastInjector {
    private static final int AS = 64512;
    private static final int HOLD = 180;

    private BlastInjector() {}

    public static void main(String[] args) throws Exception {
        InetAddress peer = InetAddress.getByName(args[0]);
        InetAddress local = InetAddress.getByName(args[1]);
        int count = Integer.parseInt(args[2]);
        byte[] updates = updates(local, count);
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSendBufferSize(4 << 20);
            s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress(peer, 179), 10_000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(open(local));
            handshake(in, out);
            System.out.println("established " + micros(Instant.now()));
            out.write(updates);
            out.flush();
            System.out.println("sent " + count);
            System.out.flush();
            keepAlive(out);
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /** Reads until the peer's OPEN and KEEPALIVE have arrived, answering the OPEN with a KEEPALIVE. */
    private static void handshake(DataInputStream in, OutputStream out) throws IOException {
        boolean open = false;
        while (true) {
            byte[] header = in.readNBytes(19);
            if (header.length < 19) {
                throw new IOException("peer closed during the OPEN exchange");
            }
            int len = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
            int type = header[18];
            byte[] body = in.readNBytes(len - 19);
            if (type == 1) {
                out.write(message(4, new byte[0]));
                open = true;
            } else if (type == 4 && open) {
                return;
            } else if (type == 3) {
                throw new IOException("NOTIFICATION " + (body[0] & 0xff) + "/" + (body[1] & 0xff));
            }
        }
    }

    /** Sends a KEEPALIVE every HOLD/3 seconds until stdin closes (the bench is done with us). */
    private static void keepAlive(OutputStream out) throws Exception {
        Thread ka = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    Thread.sleep(HOLD / 3 * 1000L);
                    out.write(message(4, new byte[0]));
                }
            } catch (IOException | InterruptedException e) {
                // session over
            }
        });
        System.in.readAllBytes();
        ka.interrupt();
    }

    static byte[] open(InetAddress id) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) 4).putShort((short) AS).putShort((short) HOLD).put(id.getAddress());
        byte[] caps = {
            1,
            4,
            0,
            1,
            0,
            1, // multiprotocol IPv4 unicast
            2,
            0, // route refresh
            65,
            4,
            0,
            0,
            (byte) (AS >> 8),
            (byte) AS // 4-octet AS
        };
        b.put((byte) (caps.length + 2)).put((byte) 2).put((byte) caps.length).put(caps);
        byte[] body = new byte[b.position()];
        b.flip().get(body);
        return message(1, body);
    }

    /** All UPDATEs for {@code count} consecutive /26s from 10.0.0.0, ORIGIN IGP, empty AS_PATH, LOCAL_PREF 100. */
    static byte[] updates(InetAddress nextHop, int count) {
        byte[] attrs = attributes((Inet4Address) nextHop);
        int room = 4096 - 19 - 4 - attrs.length;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteArrayOutputStream nlri = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            if (nlri.size() + 5 > room) {
                all.writeBytes(update(attrs, nlri.toByteArray()));
                nlri.reset();
            }
            int net = 0x0A000000 + (i << 6);
            // a /26 takes 4 prefix octets (RFC 4271 §4.3: length, then ceil(26/8) octets)
            nlri.writeBytes(new byte[] {26, (byte) (net >>> 24), (byte) (net >>> 16), (byte) (net >>> 8), (byte) net});
        }
        if (nlri.size() > 0) {
            all.writeBytes(update(attrs, nlri.toByteArray()));
        }
        return all.toByteArray();
    }

    private static byte[] attributes(Inet4Address nextHop) {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        a.writeBytes(new byte[] {0x40, 1, 1, 0}); // ORIGIN IGP
        a.writeBytes(new byte[] {0x40, 2, 0}); // AS_PATH empty (iBGP)
        a.writeBytes(new byte[] {0x40, 3, 4});
        a.writeBytes(nextHop.getAddress()); // NEXT_HOP
        a.writeBytes(new byte[] {0x40, 5, 4, 0, 0, 0, 100}); // LOCAL_PREF 100
        return a.toByteArray();
    }

    private static byte[] update(byte[] attrs, byte[] nlri) {
        ByteBuffer b = ByteBuffer.allocate(4 + attrs.length + nlri.length);
        b.putShort((short) 0).putShort((short) attrs.length).put(attrs).put(nlri);
        return message(2, b.array());
    }

    static byte[] message(int type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(19 + body.length);
        for (int i = 0; i < 16; i++) {
            b.put((byte) 0xff);
        }
        b.putShort((short) (19 + body.length)).put((byte) type).put(body);
        return b.array();
    }
}
