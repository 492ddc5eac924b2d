package dev.brindle.bgp.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** One captured message of a golden file under {@code src/test/resources/codec/golden/}. */
record GoldenFile(String sender, String type, String receiver, byte[] bytes) {

    static List<GoldenFile> load(String sender) {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/codec/golden/" + sender + ".hex")) {
            if (in == null) {
                throw new IllegalStateException("no golden file for " + sender);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(" "))
                    .map(f -> new GoldenFile(sender, f[0], f[1], HexFormat.of().parseHex(f[2])))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return sender + " " + type + " to " + receiver;
    }
}
