package dev.brindle.datastore.memory;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.DatastoreContract;
import dev.brindle.datastore.Datastores;

class InMemoryDatastoreTest extends DatastoreContract {
    @Override
    protected Datastore open() {
        return Datastores.inMemory();
    }
}
