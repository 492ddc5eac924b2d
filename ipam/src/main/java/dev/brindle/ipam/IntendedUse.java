package dev.brindle.ipam;

/** What an address is for; a pool's {@code allowedUses} must include it (calico-facts.md §2.3 step 1, §3). */
public enum IntendedUse {
    WORKLOAD("Workload"),
    TUNNEL("Tunnel");

    private final String calicoName;

    IntendedUse(String calicoName) {
        this.calicoName = calicoName;
    }

    /** The spelling used in IPPool {@code allowedUses}. */
    public String calicoName() {
        return calicoName;
    }
}
