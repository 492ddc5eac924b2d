package dev.brindle.ipam;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The node's IPIP and VXLAN tunnel addresses (calico-facts.md §2.7): one address per encapsulation from an enabled
 * IPv4 pool that selects the node, allows {@code Tunnel} use and has that encapsulation on; kept while it stays in
 * such a pool, moved when it no longer is, released when no pool needs the encapsulation.
 */
public final class TunnelAddresses {
    /** The two encapsulations that need a tunnel address, with Calico's handle prefix and attribute type. */
    public enum Kind {
        IPIP("ipip-tunnel-addr-", "ipipTunnelAddress", Pool::ipipMode),
        VXLAN("vxlan-tunnel-addr-", "vxlanTunnelAddress", Pool::vxlanMode);

        private final String handlePrefix;
        private final String type;
        private final Function<Pool, Pool.Encapsulation> mode;

        Kind(String handlePrefix, String type, Function<Pool, Pool.Encapsulation> mode) {
            this.handlePrefix = handlePrefix;
            this.type = type;
            this.mode = mode;
        }

        public String handle(String node) {
            return handlePrefix + node;
        }

        public String type() {
            return type;
        }
    }

    private final Allocator allocator;
    private final IpamStore store;

    public TunnelAddresses(Allocator allocator, IpamStore store) {
        this.allocator = allocator;
        this.store = store;
    }

    /** Makes the node's tunnel address of this kind match the pools; returns it, or empty when none is needed. */
    public Optional<InetAddress> ensure(String node, Kind kind) {
        List<IpPrefix> pools = new PoolChooser(store)
                .choose(node, IntendedUse.TUNNEL, IpFamily.V4, List.of()).stream()
                        .filter(p -> kind.mode.apply(p).enabled())
                        .map(Pool::cidr)
                        .toList();
        String handle = kind.handle(node);
        List<AddressWithPrefix> held = allocator.addressesOf(handle);
        if (pools.isEmpty()) {
            allocator.releaseHandle(handle);
            return Optional.empty();
        }
        Optional<AddressWithPrefix> keep = held.stream()
                .filter(a -> pools.stream().anyMatch(p -> p.contains(a.address())))
                .findFirst();
        if (keep.isPresent() && held.size() == 1) {
            return Optional.of(keep.get().address());
        }
        allocator.releaseHandle(handle);
        var holder = new AllocationAttributes(
                handle, Map.of(AllocationAttributes.NODE, node, AllocationAttributes.TYPE, kind.type()));
        var request = new AssignRequest(node, IpFamily.V4, 1, holder, IntendedUse.TUNNEL, pools);
        return Optional.of(allocator.assign(request).get(0).address());
    }
}
