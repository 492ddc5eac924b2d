package dev.brindle.bgp.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The BGP shutdown communication of RFC 9003 §2: in the data of a Cease Administrative Shutdown (6/2) or
 * Administrative Reset (6/4), one length octet followed by at most 255 bytes of UTF-8 text.
 */
public final class ShutdownCommunication {
    /** RFC 9003 §2: the length octet limits the text to 255 bytes. */
    public static final int MAX_BYTES = 255;

    private ShutdownCommunication() {}

    static Octets encode(BgpError cease, String text) {
        if (!carriesCommunication(cease.code(), cease.subcode())) {
            throw new IllegalArgumentException(
                    "a shutdown communication goes only in Cease 6/2 or 6/4 (RFC 9003 §2), not in " + cease);
        }
        byte[] utf8 = truncate(text);
        byte[] data = new byte[utf8.length + 1];
        data[0] = (byte) utf8.length;
        System.arraycopy(utf8, 0, data, 1, utf8.length);
        return Octets.of(data);
    }

    static Optional<String> decode(int code, int subcode, Octets data) {
        if (!carriesCommunication(code, subcode) || data.length() == 0) {
            return Optional.empty();
        }
        int length = data.get(0);
        // RFC 9003 §3: a length running past the data, or invalid UTF-8, is not a communication; log the raw data.
        if (length + 1 > data.length()) {
            return Optional.empty();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return Optional.of(decoder.decode(ByteBuffer.wrap(data.toByteArray(), 1, length))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean carriesCommunication(int code, int subcode) {
        return code == 6 && (subcode == 2 || subcode == 4);
    }

    /** The UTF-8 encoding of {@code text}, cut at a character boundary so that it fits {@link #MAX_BYTES}. */
    private static byte[] truncate(String text) {
        ByteBuffer out = ByteBuffer.allocate(MAX_BYTES);
        StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text), out, true);
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }
}
