package dev.brindle.agent.dataplane;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dataplane's state for readiness and metrics.
 *
 * @param datastoreSynced every watch delivered its initial listing
 * @param reconciled the last pass applied the whole desired state without a kernel refusal
 * @param problems why the dataplane is incomplete: desired-state problems and the last pass's refusals
 * @param routes routes of the last desired state, by kind
 * @param reconciles passes so far
 * @param reconcileErrors passes that ended with at least one refusal
 */
public record DataplaneStatus(
        boolean datastoreSynced,
        boolean reconciled,
        List<String> problems,
        Map<RouteKind, Long> routes,
        long reconciles,
        long reconcileErrors,
        Duration lastDuration,
        Instant lastReconcile) {
    public DataplaneStatus {
        problems = List.copyOf(problems);
        routes = Map.copyOf(routes);
    }

    static DataplaneStatus initial() {
        return new DataplaneStatus(
                false, false, List.of("waiting for the datastore"), Map.of(), 0, 0, Duration.ZERO, Instant.EPOCH);
    }

    /** Ready: in sync with the datastore and the kernel matches without problems. */
    public boolean ready() {
        return datastoreSynced && reconciled && problems.isEmpty();
    }
}
