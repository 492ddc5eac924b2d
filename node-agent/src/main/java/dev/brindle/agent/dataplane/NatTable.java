package dev.brindle.agent.dataplane;

/**
 * The narrow port to the packet filter for natOutgoing: makes nftables table {@code ip brindle} hold exactly the
 * masquerade rule for {@link NatRules} (or nothing). Implementations replace the whole table atomically, so a
 * partial rule set is never visible.
 */
public interface NatTable {
    /** Makes the kernel's table match {@code rules}; throws {@link NatException} when the filter refuses. */
    void sync(NatRules rules);

    /** A refusal of the packet filter, with its message. */
    final class NatException extends RuntimeException {
        public NatException(String message) {
            super(message);
        }
    }
}
