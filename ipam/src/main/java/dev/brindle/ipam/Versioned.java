package dev.brindle.ipam;

import java.util.Objects;

/** A stored value with the revision a compare-and-swap update or delete must name. */
public record Versioned<T>(T value, String revision) {
    public Versioned {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(revision, "revision");
    }
}
