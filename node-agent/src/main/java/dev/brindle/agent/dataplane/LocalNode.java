package dev.brindle.agent.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.netlink.LinkNames;
import java.util.Objects;

/**
 * This node as the dataplane sees it: its name, its underlay address with prefix length (the CrossSubnet rule
 * compares peers against that prefix, calico-facts §4.6), and the underlay device holding it with its MTU.
 */
public record LocalNode(String name, AddressWithPrefix address, String underlay, int underlayMtu) {
    public LocalNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (address.family() != IpFamily.V4) {
            throw new IllegalArgumentException("node " + name + ": the underlay address must be IPv4, got " + address);
        }
        LinkNames.check(underlay);
        if (underlayMtu < 68 + VxlanDevice.OVERHEAD) {
            throw new IllegalArgumentException("node " + name + ": underlay " + underlay + " MTU " + underlayMtu
                    + " is too small to carry tunnelled pod traffic (at least " + (68 + VxlanDevice.OVERHEAD) + ")");
        }
    }

    /** True when {@code peer} lies inside this node's underlay prefix: the CrossSubnet "same subnet" test. */
    public boolean sameSubnet(java.net.InetAddress peer) {
        return address.network().contains(peer);
    }
}
