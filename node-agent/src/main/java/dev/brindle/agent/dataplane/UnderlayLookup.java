package dev.brindle.agent.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.netlink.Address;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.Netlink;
import java.util.Optional;

/** Finds the underlay device: the link that holds the node's address (calico-facts §4.4, the "parent" interface). */
final class UnderlayLookup {
    private UnderlayLookup() {}

    static Optional<LocalNode> find(Netlink netlink, String nodeName, AddressWithPrefix address) {
        for (Address a : netlink.listAddresses(0, IpFamily.V4)) {
            if (a.address().address().equals(address.address())) {
                Link link = netlink.link(a.linkIndex());
                return Optional.of(new LocalNode(nodeName, address, link.name(), link.mtu()));
            }
        }
        return Optional.empty();
    }
}
