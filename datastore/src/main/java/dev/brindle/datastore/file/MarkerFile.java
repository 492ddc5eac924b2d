package dev.brindle.datastore.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A one-line file in the store's directory that records a fact about the documents ({@code .boot-id},
 * {@code .checkpoint}), replaced atomically: written under a temporary name (one name per marker: only the lock
 * holder writes it, so a killed writer's leftover is simply overwritten) and renamed over.
 */
final class MarkerFile {
    private final Path file;
    private final Path temp;

    MarkerFile(Path root, String name) {
        this.file = root.resolve(name);
        this.temp = root.resolve(name + ".tmp");
    }

    Path path() {
        return file;
    }

    /** Its line, or empty when there is none yet. */
    Optional<String> read() throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Under the store lock; {@code durable} also syncs the file and the directory before returning. */
    void write(String line, boolean durable) throws IOException {
        Files.writeString(temp, line + "\n", StandardCharsets.US_ASCII);
        if (durable) {
            DocumentFiles.force(temp);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (durable) {
            DocumentFiles.force(file.getParent());
        }
    }
}
