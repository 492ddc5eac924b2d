package dev.brindle.bgp.rib;

import dev.brindle.bgp.codec.WireFormat;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.util.ArrayList;
import java.util.EnumMap;
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
    /**
     * NLRI bytes per UPDATE. A message is at most 4096 bytes (RFC 4271 §4); the rest is left for the header and the
     * path attributes, however long the AS_PATH or CLUSTER_LIST. Counting bytes, not prefixes, keeps IPv6 (up to 17
     * bytes a prefix) as safe as IPv4 /26s (5 bytes): about 600 /26s or 330 /64s an UPDATE.
     */
    static final int NLRI_BYTES_PER_UPDATE = 3000;

    private record Group(IpFamily family, PathAttributes attrs) {}

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

    /**
     * The UPDATEs to send: withdrawals first, then one group per attribute set, each chunked. Each UPDATE carries
     * one family (IPv6 goes in MP_REACH/MP_UNREACH_NLRI, RFC 4760), so groups are split by family too.
     */
    public List<RouteUpdate> drain() {
        List<RouteUpdate> out = new ArrayList<>();
        Map<IpFamily, List<IpPrefix>> withdrawByFamily = new EnumMap<>(IpFamily.class);
        withdraw.forEach(p -> withdrawByFamily
                .computeIfAbsent(p.family(), k -> new ArrayList<>())
                .add(p));
        withdrawByFamily.values().forEach(prefixes -> {
            for (List<IpPrefix> chunk : chunks(prefixes)) {
                out.add(RouteUpdate.withdraw(chunk));
            }
        });
        Map<Group, List<IpPrefix>> byAttrs = new LinkedHashMap<>();
        announce.forEach((p, a) -> byAttrs.computeIfAbsent(new Group(p.family(), a), k -> new ArrayList<>())
                .add(p));
        byAttrs.forEach((group, prefixes) -> {
            for (List<IpPrefix> chunk : chunks(prefixes)) {
                out.add(RouteUpdate.announce(group.attrs(), chunk));
            }
        });
        announce.clear();
        withdraw.clear();
        return out;
    }

    private static List<List<IpPrefix>> chunks(List<IpPrefix> all) {
        List<List<IpPrefix>> out = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < all.size(); i++) {
            int size = WireFormat.prefixLength(all.get(i));
            if (bytes + size > NLRI_BYTES_PER_UPDATE) {
                out.add(all.subList(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
        }
        if (start < all.size()) {
            out.add(all.subList(start, all.size()));
        }
        return out;
    }
}
