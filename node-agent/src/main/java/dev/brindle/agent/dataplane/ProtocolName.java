package dev.brindle.agent.dataplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Names route protocol 98 {@code brindle} for iproute2 (CONTRACT.md): writes {@code brindle.conf} into
 * {@code rt_protos.d} when that directory exists, so {@code ip route} prints {@code proto brindle}.
 */
public final class ProtocolName {
    public static final Path DEFAULT_DIR = Path.of("/etc/iproute2/rt_protos.d");
    static final String CONTENT = "# written by brindle-node: routes it owns carry this protocol\n98\tbrindle\n";

    private ProtocolName() {}

    /** Returns true when the file is in place (written now or already current); false when there is no dir. */
    public static boolean install(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        Path file = dir.resolve("brindle.conf");
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(CONTENT)) {
            return true;
        }
        Path tmp = Files.createTempFile(dir, ".brindle", ".tmp");
        Files.writeString(tmp, CONTENT, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }
}
