package dev.brindle.datastore.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code <dir>/.checkpoint}: the revision through which every document reflects the journal. Written by a checkpoint
 * under the store lock after its documents; read by a process that starts, or whose journal position was pruned, to
 * know which journal lines it must take in. It is not synced: after a power cut the first open rebuilds every document
 * from the journal and writes it again ({@link BootRecovery}). A store without one (none checkpointed yet, or made by
 * a brindle that wrote every document at once) reads as 0: every line the journal still holds is taken in.
 */
final class CheckpointMarker {
    static final String NAME = ".checkpoint";

    private final MarkerFile file;

    CheckpointMarker(Path root) {
        this.file = new MarkerFile(root, NAME);
    }

    long read() {
        try {
            return file.read().map(Long::parseLong).orElse(0L);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        } catch (NumberFormatException e) {
            return 0; // torn by a power cut before boot recovery ran: take in the whole journal
        }
    }

    /** Under the store lock. */
    void write(long revision) throws IOException {
        file.write(Long.toString(revision), false);
    }
}
