package dev.brindle.datastore;

import java.util.function.Supplier;

/** Re-runs a read-modify-write while it loses compare-and-swap races (Calico retries 100 times, calico-facts §2.5). */
public final class Retry {
    public static final int DEFAULT_ATTEMPTS = 100;

    private Retry() {}

    /**
     * Runs {@code attempt} (which must re-read what it changes) until it does not throw {@link ConflictException},
     * at most {@code maxAttempts} times; the last conflict is rethrown.
     */
    public static <T> T onConflict(Supplier<T> attempt, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        ConflictException last = null;
        for (int i = 0; i < maxAttempts; i++) {
            try {
                return attempt.get();
            } catch (ConflictException e) {
                last = e;
                Thread.onSpinWait();
            }
        }
        throw last;
    }

    public static <T> T onConflict(Supplier<T> attempt) {
        return onConflict(attempt, DEFAULT_ATTEMPTS);
    }
}
