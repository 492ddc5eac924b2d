package dev.brindle.datastore.file;

import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.json.ResourceCodec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One journal line: {@code <revision> <TYPE> <Kind> <crc32c of the JSON, hex> <object JSON>\n}. The header lets a
 * reader skip other kinds without parsing JSON; the checksum tells a torn or damaged line from a whole one. The header
 * of a line this process appended is kept without its JSON ({@code json} null): its change is kept beside it.
 */
record JournalLine(long revision, Change.Type type, String kind, byte[] json) {

    static byte[] format(Change change) {
        return format(change, ResourceCodec.toCompactJson(change.resource()));
    }

    /** The line of a change whose compact JSON {@code body} the caller has already. */
    static byte[] format(Change change, byte[] body) {
        String header = change.revision() + " " + change.type() + " "
                + change.resource().kind().name() + " " + Long.toHexString(crc(body, 0, body.length)) + " ";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(body, 0, line, head.length, body.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /** Parses {@code buf[start, end)} (without the newline); empty when the line is not whole or was damaged. */
    static Optional<JournalLine> parse(byte[] buf, int start, int end) {
        int[] spaces = new int[4];
        int found = 0;
        for (int i = start; i < end && found < 4; i++) {
            if (buf[i] == ' ') {
                spaces[found++] = i;
            }
        }
        if (found < 4) {
            return Optional.empty();
        }
        try {
            long revision = Long.parseLong(ascii(buf, start, spaces[0]));
            Change.Type type = Change.Type.valueOf(ascii(buf, spaces[0] + 1, spaces[1]));
            String kind = ascii(buf, spaces[1] + 1, spaces[2]);
            long crc = Long.parseLong(ascii(buf, spaces[2] + 1, spaces[3]), 16);
            int bodyStart = spaces[3] + 1;
            if (crc(buf, bodyStart, end - bodyStart) != crc) {
                return Optional.empty();
            }
            byte[] json = new byte[end - bodyStart];
            System.arraycopy(buf, bodyStart, json, 0, json.length);
            return Optional.of(new JournalLine(revision, type, kind, json));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The index of the next newline in {@code b} from {@code from}, or -1. */
    static int nextNewline(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    Change decode(String source) {
        return new Change(revision, type, ResourceCodec.fromJson(json, source));
    }

    private static String ascii(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.US_ASCII);
    }

    private static long crc(byte[] buf, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(buf, off, len);
        return crc.getValue();
    }
}
