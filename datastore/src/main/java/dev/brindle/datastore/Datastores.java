package dev.brindle.datastore;

import dev.brindle.datastore.memory.InMemoryDatastore;

/** Opens datastores by their command-line name ({@code --datastore}). Every store returned checks IPPool rules. */
public final class Datastores {
    private Datastores() {}

    /** A fresh in-memory store (unit tests). */
    public static Datastore inMemory() {
        return new ValidatingDatastore(new InMemoryDatastore());
    }
}
