package dev.brindle.ipam;

/**
 * Re-runs a read-modify-write until its compare-and-swap wins, at most {@link #RETRIES} times as Calico does
 * ({@code datastoreRetries = 100}, calico-facts.md §2.5).
 */
final class Cas {
    static final int RETRIES = 100;

    @FunctionalInterface
    interface Attempt<T> {
        T run() throws StoreConflictException;
    }

    private Cas() {}

    static <T> T retry(String what, Attempt<T> attempt) {
        for (int i = 0; i < RETRIES; i++) {
            try {
                return attempt.run();
            } catch (StoreConflictException e) {
                if (i >= 8) {
                    // Under heavy contention let the winner finish before re-reading.
                    Thread.onSpinWait();
                }
            }
        }
        throw IpamException.retriesExhausted(what, RETRIES);
    }
}
