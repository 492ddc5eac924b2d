package dev.brindle.agent.dataplane;

import java.util.List;

/**
 * What one reconciliation changed and what it could not do. Errors name the object and the kernel's refusal; the
 * agent retries after any of them.
 */
public record ReconcileReport(int routesChanged, int routesDeleted, int otherChanges, List<String> errors) {
    public ReconcileReport {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public int changes() {
        return routesChanged + routesDeleted + otherChanges;
    }
}
