package dev.brindle.datastore.resource;

import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/**
 * The IPAM settings, a singleton named {@code default} (calico-facts §2.1). A missing object means the defaults:
 * automatic block allocation, borrowing allowed, up to 20 blocks per host.
 */
public record IPAMConfig(Metadata metadata, Spec spec) implements Resource {
    public static final String NAME = "default";
    /** What {@code maxBlocksPerHost: 0} means (Calico's implicit cap). */
    public static final int IMPLICIT_MAX_BLOCKS = 20;

    public IPAMConfig {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    public static IPAMConfig defaults() {
        return new IPAMConfig(Metadata.named(NAME), new Spec(false, 0, true));
    }

    @Override
    public Kind<IPAMConfig> kind() {
        return Kind.IPAM_CONFIG;
    }

    @Override
    public IPAMConfig withMetadata(Metadata m) {
        return new IPAMConfig(m, spec);
    }

    public record Spec(boolean strictAffinity, @Min(0) int maxBlocksPerHost, Boolean autoAllocateBlocks) {
        public Spec {
            autoAllocateBlocks = autoAllocateBlocks == null || autoAllocateBlocks;
            Errors errors = new Errors("IPAMConfig spec");
            errors.check(maxBlocksPerHost < 0, "spec.maxBlocksPerHost", "must be 0 or more, got " + maxBlocksPerHost);
            errors.check(
                    !strictAffinity && !autoAllocateBlocks,
                    "spec.autoAllocateBlocks",
                    "must be true when strictAffinity is false (nothing could ever be allocated)");
            errors.check(
                    maxBlocksPerHost > 0 && !strictAffinity,
                    "spec.maxBlocksPerHost",
                    "needs strictAffinity: true (a host over its cap would borrow instead), got " + maxBlocksPerHost);
            errors.throwIfAny();
        }

        /** The block cap per host, with 0 meaning Calico's implicit 20. */
        public int effectiveMaxBlocksPerHost() {
            return maxBlocksPerHost == 0 ? IMPLICIT_MAX_BLOCKS : maxBlocksPerHost;
        }
    }
}
