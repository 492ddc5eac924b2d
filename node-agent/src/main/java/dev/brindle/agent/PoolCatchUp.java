package dev.brindle.agent;

import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.ipam.IpamStore;
import dev.brindle.ipam.Pool;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Waits until the IPAM store's view of the pools has caught up with one pool event. The store is fed by its own
 * watch, on its own thread (one thread per watch): without this, a pool switched to VXLAN could be read back as
 * still without VXLAN, the tunnel address released instead of allocated, and nothing would ask again.
 */
final class PoolCatchUp {
    private static final Duration LIMIT = Duration.ofSeconds(2);

    private PoolCatchUp() {}

    /** Returns once {@code store} reflects {@code event}, or after {@link #LIMIT} (then the caller reads as it is). */
    static void await(IpamStore store, WatchEvent<IPPool> event) {
        Predicate<List<Pool>> seen = switch (event) {
            case WatchEvent.Added<IPPool> a -> pools -> pools.stream().anyMatch(p -> same(p, a.resource()));
            case WatchEvent.Modified<IPPool> m -> pools -> pools.stream().anyMatch(p -> same(p, m.resource()));
            case WatchEvent.Deleted<IPPool> d ->
                pools -> pools.stream()
                        .noneMatch(p -> p.name().equals(d.resource().name()));
            case WatchEvent.Synced<IPPool> s -> pools -> true;
        };
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!seen.test(store.pools()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean same(Pool p, IPPool r) {
        IPPool.Spec s = r.spec();
        return p.name().equals(r.name())
                && p.cidr().equals(s.cidr())
                && p.disabled() == s.disabled()
                && p.ipipMode().enabled() == s.ipipMode().enabled()
                && p.vxlanMode().enabled() == s.vxlanMode().enabled();
    }
}
