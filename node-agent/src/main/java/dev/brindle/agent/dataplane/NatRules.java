package dev.brindle.agent.dataplane;

import dev.brindle.core.IpPrefix;
import java.util.List;

/**
 * natOutgoing (calico-facts §4.9): traffic from a {@code masquerade} pool to anything outside {@code allPools} is
 * masqueraded; traffic between pods (any pool to any pool) never is. No masquerade pools means no rule at all.
 */
public record NatRules(List<IpPrefix> masqueradePools, List<IpPrefix> allPools) {
    public static final NatRules NONE = new NatRules(List.of(), List.of());

    public NatRules {
        masqueradePools = masqueradePools.stream().sorted().distinct().toList();
        allPools = allPools.stream().sorted().distinct().toList();
        for (IpPrefix p : masqueradePools) {
            if (!allPools.contains(p)) {
                throw new IllegalArgumentException(
                        "natOutgoing pool " + p + " must also be among all pools " + allPools);
            }
        }
    }

    public boolean empty() {
        return masqueradePools.isEmpty();
    }
}
