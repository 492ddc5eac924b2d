package dev.brindle.cni.dataplane;

import java.nio.charset.StandardCharsets;

/**
 * SHA-1 (FIPS 180-4 §6.1) of a short string, as hex. Written out because {@code MessageDigest.getInstance} first
 * initialises the JCA provider framework, which costs milliseconds of start-up in a JVM that lives for one ADD; the
 * veth name is the only digest the plugin needs, and it is not used for security.
 */
final class Sha1 {
    private Sha1() {}

    static String hex(String text) {
        byte[] msg = text.getBytes(StandardCharsets.UTF_8);
        int blocks = (msg.length + 8) / 64 + 1;
        byte[] padded = new byte[blocks * 64];
        System.arraycopy(msg, 0, padded, 0, msg.length);
        padded[msg.length] = (byte) 0x80;
        long bits = (long) msg.length * 8;
        for (int i = 0; i < 8; i++) {
            padded[padded.length - 1 - i] = (byte) (bits >>> (8 * i));
        }
        int[] h = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
        int[] w = new int[80];
        for (int b = 0; b < blocks; b++) {
            for (int t = 0; t < 16; t++) {
                int o = b * 64 + t * 4;
                w[t] = (padded[o] & 0xff) << 24
                        | (padded[o + 1] & 0xff) << 16
                        | (padded[o + 2] & 0xff) << 8
                        | (padded[o + 3] & 0xff);
            }
            for (int t = 16; t < 80; t++) {
                w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            }
            compress(h, w);
        }
        var sb = new StringBuilder(40);
        for (int v : h) {
            sb.append(String.format("%08x", v));
        }
        return sb.toString();
    }

    private static void compress(int[] h, int[] w) {
        int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int t = 0; t < 80; t++) {
            int f;
            int k;
            if (t < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (t < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (t < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            int temp = Integer.rotateLeft(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = Integer.rotateLeft(b, 30);
            b = a;
            a = temp;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
}
