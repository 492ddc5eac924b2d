package dev.brindle.agent.dataplane;

import dev.brindle.core.IpAddresses;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code tunl0} (the ipip module's fallback device) should be configured (calico-facts §4.4): this node's IPIP
 * tunnel address as a /32 (empty until IPAM gave the node one), MTU underlay − 20, up. brindle never creates or
 * deletes it; it appears with the module.
 */
public record Tunl0Device(Optional<InetAddress> address, int mtu) {
    public static final String NAME = "tunl0";
    /** The outer IPv4 header. */
    public static final int OVERHEAD = 20;

    public Tunl0Device {
        Objects.requireNonNull(address, "address");
        if (mtu < 68) {
            throw new IllegalArgumentException(NAME + ": MTU " + mtu + " is below IPv4's minimum 68; the underlay"
                    + " MTU must be at least " + (68 + OVERHEAD));
        }
    }

    @Override
    public String toString() {
        return NAME + " mtu " + mtu
                + address.map(a -> " address " + IpAddresses.format(a) + "/32").orElse("");
    }
}
