package dev.brindle.agent;

import dev.brindle.core.IpPrefix;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.GarbageCollector;
import dev.brindle.ipam.InMemoryIpamStore;
import dev.brindle.ipam.IntendedUse;
import dev.brindle.ipam.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** An {@link IpamService} for node {@code n1} on the in-memory IPAM store, with one pool, 10.244.0.0/16 in /26s. */
final class InMemoryIpamService {
    private InMemoryIpamService() {}

    static IpamService create(Attachments record, Supplier<IpamService.AgentStatus> status) {
        InMemoryIpamStore store = new InMemoryIpamStore();
        store.editablePools()
                .add(new Pool(
                        "default",
                        IpPrefix.parse("10.244.0.0/16"),
                        26,
                        false,
                        "all()",
                        Set.of(IntendedUse.WORKLOAD, IntendedUse.TUNNEL),
                        false,
                        Pool.Encapsulation.NEVER,
                        Pool.Encapsulation.NEVER));
        store.putNode("n1", Map.of());
        Allocator alloc = new Allocator(store, Clock.systemUTC());
        var gc = new GarbageCollector(store, alloc, Clock.systemUTC(), Duration.ofMinutes(15), () -> (h, a) -> true);
        return new IpamService("n1", alloc, gc, status, record, Clock.systemUTC());
    }
}
