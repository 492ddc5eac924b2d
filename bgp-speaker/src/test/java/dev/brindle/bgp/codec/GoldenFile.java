package dev.brindle.bgp.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** One captured message of a golden file under {@code src/test/resources/codec/golden/}. */
record GoldenFile(String sender, int index, String type, String receiver, byte[] bytes) {

    static List<GoldenFile> load(String sender) {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/codec/golden/" + sender + ".hex")) {
            if (in == null) {
                throw new IllegalStateException("no golden file for " + sender);
            }
            List<String[]> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(" "))
                    .toList();
            return java.util.stream.IntStream.range(0, lines.size())
                    .mapToObj(i -> new GoldenFile(
                            sender,
                            i,
                            lines.get(i)[0],
                            lines.get(i)[1],
                            HexFormat.of().parseHex(lines.get(i)[2])))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return sender + " #" + index + " " + type + " to " + receiver;
    }
}
