package dev.brindle.ipam;

import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.selector.Selector;
import java.util.List;
import java.util.Map;

/**
 * Which pools a request may draw from (calico-facts.md §2.3 step 2): the requested ones, or every enabled automatic
 * pool whose nodeSelector selects the node; in both cases only pools of the family whose {@code allowedUses} include
 * the intended use.
 */
final class PoolChooser {
    private final IpamStore store;

    PoolChooser(IpamStore store) {
        this.store = store;
    }

    List<Pool> choose(String node, IntendedUse use, IpFamily family, List<IpPrefix> requested) {
        Map<String, String> labels = store.nodeLabels(node).orElse(Map.of());
        List<Pool> all = store.pools();
        if (!requested.isEmpty()) {
            for (IpPrefix cidr : requested) {
                if (all.stream().noneMatch(p -> p.cidr().equals(cidr))) {
                    throw IpamException.invalid("requested pool " + cidr + " is not a configured IP pool");
                }
            }
        }
        return all.stream()
                .filter(p -> p.cidr().family() == family)
                .filter(p -> !p.disabled())
                .filter(p -> p.allowedUses().contains(use))
                .filter(p -> requested.isEmpty()
                        ? !p.manual() && Selector.parse(p.nodeSelector()).matches(labels)
                        : requested.contains(p.cidr()))
                .sorted((a, b) -> a.cidr().compareTo(b.cidr()))
                .toList();
    }
}
