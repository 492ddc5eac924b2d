package dev.brindle.agent.ops;

import java.util.List;

/** The agent's readiness with the reasons it is not ready (each telling what is missing). */
public record Readiness(boolean ready, List<String> reasons) {
    public Readiness {
        reasons = List.copyOf(reasons);
        if (ready != reasons.isEmpty()) {
            throw new IllegalArgumentException("ready exactly when there is no reason against it: " + reasons);
        }
    }

    public static Readiness of(List<String> reasons) {
        return new Readiness(reasons.isEmpty(), reasons);
    }
}
