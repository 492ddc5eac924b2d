package dev.brindle.ipam;

/**
 * The cluster-wide IPAM settings (Calico's IPAMConfig, calico-facts.md §2.1). {@code maxBlocksPerHost} 0 means the
 * implicit cap of 20.
 */
public record IpamSettings(boolean strictAffinity, boolean autoAllocateBlocks, int maxBlocksPerHost) {
    public static final int DEFAULT_BLOCK_CAP = 20;
    public static final IpamSettings DEFAULTS = new IpamSettings(false, true, 0);

    public IpamSettings {
        if (maxBlocksPerHost < 0) {
            throw new IllegalArgumentException("IPAMConfig maxBlocksPerHost must be >= 0, not " + maxBlocksPerHost);
        }
        if (!strictAffinity && !autoAllocateBlocks) {
            throw new IllegalArgumentException(
                    "IPAMConfig: strictAffinity=false together with autoAllocateBlocks=false is not allowed");
        }
    }

    /** The per-host block cap in force. */
    public int blockCap() {
        return maxBlocksPerHost == 0 ? DEFAULT_BLOCK_CAP : maxBlocksPerHost;
    }
}
