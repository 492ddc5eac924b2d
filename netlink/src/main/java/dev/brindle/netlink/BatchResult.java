package dev.brindle.netlink;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a batch: how many operations were sent and, by position in the request list, those that the
 * kernel refused. Every other operation succeeded.
 */
public record BatchResult(int attempted, Map<Integer, NetlinkException> failures) {
    public BatchResult {
        failures = Map.copyOf(failures);
    }

    public boolean allSucceeded() {
        return failures.isEmpty();
    }

    /** Throws the first failure (lowest index) when there is one. */
    public void throwIfFailed() {
        failures.keySet().stream().sorted().findFirst().ifPresent(i -> {
            throw failures.get(i);
        });
    }

    public List<Integer> failedIndexes() {
        return failures.keySet().stream().sorted().toList();
    }
}
