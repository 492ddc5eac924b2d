package dev.brindle.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.ForwardingDatastore;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every write of an allocator operation happens inside one deferred-sync scope: one disk sync per request. */
class DeferredSyncTest {
    private final ScopeRecordingDatastore ds = new ScopeRecordingDatastore();

    @Test
    void aClaimAnAssignAndAReleaseEachSyncOnceThroughTheColdStore() {
        ds.create(DatastoreIpamStoreTest.pool("p", "10.7.0.0/16", 26, ""));
        int before = ds.writes;
        Allocator alloc = new Allocator(new DatastoreIpamStore(ds), Clock.systemUTC());

        alloc.assign(Fixtures.request("n1", "k8s.a", 1));
        alloc.assign(Fixtures.request("n1", "k8s.b", 1));
        alloc.releaseHandle("k8s.a");

        assertThat(ds.writes - before).isGreaterThan(3 + 2 + 2); // claim and assign, assign, release
        assertThat(ds.writesOutsideAScope).isZero();
        assertThat(ds.scopesClosed).isEqualTo(3);
    }

    @Test
    void theWarmStoreDefersThroughItsBackingStore() throws Exception {
        ds.create(DatastoreIpamStoreTest.pool("p", "10.7.0.0/16", 26, ""));
        try (WatchedIpamStore warm = WatchedIpamStore.start(ds, Duration.ofSeconds(10))) {
            Allocator alloc = new Allocator(warm, Clock.systemUTC());
            AddressWithPrefix a =
                    alloc.assign(Fixtures.request("n1", "k8s.a", 1)).get(0);
            alloc.releaseAddress(a.address(), null);

            assertThat(ds.writesOutsideAScope).isZero();
            assertThat(ds.scopesClosed).isEqualTo(2);
        }
    }

    /** An in-memory datastore that counts writes made outside a {@link Datastore#deferSync} scope. */
    private static final class ScopeRecordingDatastore extends ForwardingDatastore {
        private int depth;
        int writes;
        int writesOutsideAScope;
        int scopesClosed;

        ScopeRecordingDatastore() {
            super(Datastores.inMemory());
        }

        private void writing() {
            writes++;
            if (depth == 0) {
                writesOutsideAScope++;
            }
        }

        @Override
        public SyncScope deferSync() {
            depth++;
            return () -> {
                if (--depth == 0) {
                    scopesClosed++;
                }
            };
        }

        @Override
        public <R extends Resource> R create(R resource) {
            if (!(resource instanceof dev.brindle.datastore.resource.IPPool)) {
                writing();
            }
            return super.create(resource);
        }

        @Override
        public <R extends Resource> R update(R resource) {
            writing();
            return super.update(resource);
        }

        @Override
        public boolean delete(Kind<?> kind, String name) {
            writing();
            return super.delete(kind, name);
        }

        @Override
        public void delete(Resource resource) {
            writing();
            super.delete(resource);
        }

        @Override
        public String describe() {
            return "scope-recording " + super.describe();
        }
    }
}
