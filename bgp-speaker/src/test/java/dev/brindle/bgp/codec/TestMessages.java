package dev.brindle.bgp.codec;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Builds raw messages for tests, hex in, bytes out, with correct lengths unless a test overrides them. */
final class TestMessages {
    static final HexFormat HEX = HexFormat.of();

    private TestMessages() {}

    /** A message with a valid marker and length around {@code body}. */
    static byte[] message(int type, byte[] body) {
        return message(type, body, 19 + body.length);
    }

    static byte[] message(int type, byte[] body, int declaredLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            out.write(0xff);
        }
        out.write(declaredLength >> 8);
        out.write(declaredLength);
        out.write(type);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** An UPDATE from hex withdrawn routes, attributes and NLRI, lengths computed. */
    static byte[] update(String withdrawnHex, String attributesHex, String nlriHex) {
        byte[] withdrawn = HEX.parseHex(withdrawnHex);
        byte[] attributes = HEX.parseHex(attributesHex);
        byte[] nlri = HEX.parseHex(nlriHex);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(withdrawn.length >> 8);
        body.write(withdrawn.length);
        body.writeBytes(withdrawn);
        body.write(attributes.length >> 8);
        body.write(attributes.length);
        body.writeBytes(attributes);
        body.writeBytes(nlri);
        return message(2, body.toByteArray());
    }

    /** One attribute with a 1-octet length: flags, type, length, value. */
    static String attr(int flags, int type, String valueHex) {
        int length = valueHex.length() / 2;
        return String.format("%02x%02x%02x", flags, type, length) + valueHex;
    }

    /** ORIGIN IGP, empty AS_PATH, NEXT_HOP 192.0.2.1: the minimum an UPDATE with body NLRI needs. */
    static final String MANDATORY = attr(0x40, 1, "00") + attr(0x40, 2, "") + attr(0x40, 3, "c0000201");

    /** 10.244.1.0/26 as NLRI. */
    static final String BLOCK = "1a0af40100";
}
