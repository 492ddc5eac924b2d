package dev.brindle.ipam;

import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pools, requests and holders the allocator tests share. */
final class Fixtures {
    private Fixtures() {}

    static Pool pool(String cidr, int blockSize) {
        return new Pool(
                "pool-" + cidr.replace('/', '-'),
                IpPrefix.parse(cidr),
                blockSize,
                false,
                "all()",
                Set.of(IntendedUse.WORKLOAD, IntendedUse.TUNNEL),
                false,
                Pool.Encapsulation.NEVER,
                Pool.Encapsulation.NEVER);
    }

    static AssignRequest request(String node, String handle, int count) {
        return new AssignRequest(
                node,
                IpFamily.V4,
                count,
                new AllocationAttributes(handle, Map.of(AllocationAttributes.NODE, node)),
                IntendedUse.WORKLOAD,
                List.of());
    }

    static InMemoryIpamStore store(Pool pool, String... nodes) {
        InMemoryIpamStore store = new InMemoryIpamStore();
        store.editablePools().add(pool);
        for (String n : nodes) {
            store.putNode(n, Map.of("kubernetes.io/hostname", n));
        }
        return store;
    }
}
