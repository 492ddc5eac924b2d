package dev.brindle.ipam;

import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.util.List;
import java.util.Objects;

/**
 * A request for {@code count} addresses of one family for one handle on one node, optionally limited to some pools.
 */
public record AssignRequest(
        String node, IpFamily family, int count, AllocationAttributes holder, IntendedUse use, List<IpPrefix> pools) {
    public AssignRequest {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(use, "use");
        if (node.isBlank()) {
            throw IpamException.invalid("node must not be empty");
        }
        if (count < 0 || count > 256) {
            throw IpamException.invalid("address count must be 0..256, not " + count);
        }
        pools = List.copyOf(pools);
    }

    public String handle() {
        return holder.handle();
    }
}
