package dev.brindle.bgp.rib;

import dev.brindle.core.IpPrefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Route changes for one peer collected while processing one event, then packed into as few UPDATEs as possible:
 * one per distinct attribute set, withdrawals together (RFC 4271 §4.3 lets one UPDATE carry many NLRI sharing
 * attributes). A later change to the same prefix replaces an earlier one.
 */
public final class UpdateBatch {
    /** Prefixes per UPDATE: 4096-byte messages hold about 800 /26s; stay well below with long attribute lists. */
    static final int MAX_PREFIXES_PER_UPDATE = 500;

    private final Map<IpPrefix, PathAttributes> announce = new LinkedHashMap<>();
    private final Set<IpPrefix> withdraw = new LinkedHashSet<>();

    public void announce(IpPrefix prefix, PathAttributes attrs) {
        withdraw.remove(prefix);
        announce.put(prefix, attrs);
    }

    public void withdraw(IpPrefix prefix) {
        announce.remove(prefix);
        withdraw.add(prefix);
    }

    public boolean isEmpty() {
        return announce.isEmpty() && withdraw.isEmpty();
    }

    /** The UPDATEs to send: withdrawals first, then one group per attribute set, each chunked. */
    public List<RouteUpdate> drain() {
        List<RouteUpdate> out = new ArrayList<>();
        for (List<IpPrefix> chunk : chunks(new ArrayList<>(withdraw))) {
            out.add(RouteUpdate.withdraw(chunk));
        }
        Map<PathAttributes, List<IpPrefix>> byAttrs = new LinkedHashMap<>();
        announce.forEach(
                (p, a) -> byAttrs.computeIfAbsent(a, k -> new ArrayList<>()).add(p));
        byAttrs.forEach((attrs, prefixes) -> {
            for (List<IpPrefix> chunk : chunks(prefixes)) {
                out.add(RouteUpdate.announce(attrs, chunk));
            }
        });
        announce.clear();
        withdraw.clear();
        return out;
    }

    private static List<List<IpPrefix>> chunks(List<IpPrefix> all) {
        List<List<IpPrefix>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += MAX_PREFIXES_PER_UPDATE) {
            out.add(all.subList(i, Math.min(all.size(), i + MAX_PREFIXES_PER_UPDATE)));
        }
        return out;
    }
}
