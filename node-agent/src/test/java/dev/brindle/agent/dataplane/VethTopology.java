package dev.brindle.agent.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import dev.brindle.lab.Underlay;
import java.util.List;

/**
 * Node topologies out of plain veth pairs, for guest kernels without the bridge module (the QEMU guest of
 * run-in-vm.sh): two nodes on one /24, or two nodes on two /24s joined by a router namespace.
 */
final class VethTopology {
    private VethTopology() {}

    /** {@code n1} 192.168.80.10/24 and {@code n2} 192.168.80.11/24 on one link. */
    static List<Underlay.Node> pair(NamespaceSet set) {
        Namespace n1 = set.add("n1");
        Namespace n2 = set.add("n2");
        n1.ok("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", n2.name());
        return List.of(up(n1, "192.168.80.10/24", "192.168.80.11"), up(n2, "192.168.80.11/24", "192.168.80.10"));
    }

    /** {@code n1} 192.168.81.10/24 and {@code n3} 192.168.82.10/24, each linked to a router with .1 on both. */
    static List<Underlay.Node> routed(NamespaceSet set) {
        Namespace router = set.add("router");
        Namespace n1 = set.add("n1");
        Namespace n3 = set.add("n3");
        router.ok("ip", "link", "add", "leg1", "type", "veth", "peer", "name", "eth0", "netns", n1.name());
        router.ok("ip", "link", "add", "leg3", "type", "veth", "peer", "name", "eth0", "netns", n3.name());
        router.ok("ip", "addr", "add", "192.168.81.1/24", "dev", "leg1");
        router.ok("ip", "addr", "add", "192.168.82.1/24", "dev", "leg3");
        router.ok("ip", "link", "set", "leg1", "up");
        router.ok("ip", "link", "set", "leg3", "up");
        router.ok("sysctl", "-qw", "net.ipv4.ip_forward=1");
        return List.of(up(n1, "192.168.81.10/24", "192.168.81.1"), up(n3, "192.168.82.10/24", "192.168.82.1"));
    }

    /** Brings eth0 up with the address and a default route (proxy ARP for 169.254.1.1 needs one). */
    private static Underlay.Node up(Namespace ns, String address, String gateway) {
        ns.ok("ip", "link", "set", "lo", "up");
        ns.ok("ip", "addr", "add", address, "dev", "eth0");
        ns.ok("ip", "link", "set", "eth0", "up");
        ns.ok("ip", "route", "add", "default", "via", gateway);
        return new Underlay.Node(ns, "eth0", AddressWithPrefix.parse(address), IpAddresses.parse(gateway));
    }
}
