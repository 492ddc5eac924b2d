package dev.brindle.datastore.resource;

import io.fabric8.generator.annotation.Required;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The secondary index from a handle ({@code <network>.<containerID>}) to the blocks holding its addresses, so a
 * release by handle reads only those blocks (calico-facts §2.1). {@code block} maps a block CIDR to a count.
 */
public record IPAMHandle(Metadata metadata, Spec spec) implements Resource {
    public IPAMHandle {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    /** Handles are stored under their lowercased ID. */
    public static String nameFor(String handleID) {
        return handleID.toLowerCase(Locale.ROOT);
    }

    public static IPAMHandle of(String handleID, Map<String, Integer> block) {
        return new IPAMHandle(Metadata.named(nameFor(handleID)), new Spec(handleID, block, false));
    }

    @Override
    public Kind<IPAMHandle> kind() {
        return Kind.IPAM_HANDLE;
    }

    @Override
    public IPAMHandle withMetadata(Metadata m) {
        return new IPAMHandle(m, spec);
    }

    public IPAMHandle withBlocks(Map<String, Integer> block) {
        return new IPAMHandle(metadata, new Spec(spec.handleID, block, spec.deleted));
    }

    public record Spec(@Required String handleID, Map<String, Integer> block, boolean deleted) {
        public Spec {
            Errors errors = new Errors("IPAMHandle spec");
            errors.check(handleID == null || handleID.isEmpty(), "spec.handleID", "is required");
            if (block != null) {
                block.forEach((cidr, n) -> errors.check(
                        n == null || n < 0, "spec.block." + cidr, "must be a count of 0 or more, got " + n));
            }
            errors.throwIfAny();
            block = block == null ? Map.of() : Map.copyOf(new TreeMap<>(block));
        }
    }
}
