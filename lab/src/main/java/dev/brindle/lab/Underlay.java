package dev.brindle.lab;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical network of a lab cluster, built out of namespaces: a {@code switch} namespace holding one bridge per
 * subnet, a {@code router} namespace with a leg (address {@code .1}) on every bridge, and one namespace per node
 * whose {@code eth0} sits on its subnet's bridge with address {@code .10 + i} and a default route via the router.
 *
 * <p>One subnet gives the plain flat underlay; two give the CrossSubnet picture (same-subnet peers reach each
 * other directly, the rest through the router). Every node has a default route on purpose: proxy ARP on a pod's
 * host veth answers for 169.254.1.1 only when the node has a route covering it (shared/tools/README.md).
 */
public final class Underlay {
    /** One L2 segment and the names of the nodes on it. */
    public record Subnet(IpPrefix prefix, List<String> nodeNames) {
        public Subnet {
            nodeNames = List.copyOf(nodeNames);
            if (prefix.length() > 28) {
                throw new IllegalArgumentException("subnet " + prefix + " is too small for a lab (at most /28)");
            }
        }
    }

    /** A node of the underlay: its namespace, its address on the underlay and its gateway. */
    public record Node(Namespace namespace, String device, AddressWithPrefix address, InetAddress gateway) {}

    private final Namespace switchNs;
    private final Namespace router;
    private final List<Node> nodes;

    private Underlay(Namespace switchNs, Namespace router, List<Node> nodes) {
        this.switchNs = switchNs;
        this.router = router;
        this.nodes = List.copyOf(nodes);
    }

    /** Builds the underlay with MTU 1500 on every link. */
    public static Underlay build(Namespaces set, List<Subnet> subnets) {
        return build(set, subnets, 1500);
    }

    public static Underlay build(Namespaces set, List<Subnet> subnets, int mtu) {
        if (subnets.isEmpty()) {
            throw new IllegalArgumentException("an underlay needs at least one subnet");
        }
        Namespace sw = set.add("switch");
        Namespace router = set.add("router");
        router.ok("sysctl", "-qw", "net.ipv4.ip_forward=1");
        List<Node> nodes = new ArrayList<>();
        int port = 0;
        for (int s = 0; s < subnets.size(); s++) {
            Subnet subnet = subnets.get(s);
            String bridge = "br" + s;
            sw.ok("ip", "link", "add", bridge, "mtu", Integer.toString(mtu), "type", "bridge");
            sw.ok("ip", "link", "set", bridge, "up");
            InetAddress gateway = subnet.prefix().addressAt(1);
            plug(
                    sw,
                    bridge,
                    "r" + s,
                    router,
                    "eth" + s,
                    mtu,
                    new AddressWithPrefix(gateway, subnet.prefix().length()));
            for (int i = 0; i < subnet.nodeNames().size(); i++) {
                Namespace ns = set.add(subnet.nodeNames().get(i));
                var address = new AddressWithPrefix(
                        subnet.prefix().addressAt(10 + i), subnet.prefix().length());
                plug(sw, bridge, "p" + port++, ns, "eth0", mtu, address);
                ns.ok("ip", "route", "add", "default", "via", IpAddresses.format(gateway), "dev", "eth0");
                nodes.add(new Node(ns, "eth0", address, gateway));
            }
        }
        return new Underlay(sw, router, nodes);
    }

    /** A veth from a bridge port in the switch namespace to {@code device} (with {@code address}) in {@code ns}. */
    private static void plug(
            Namespace sw, String bridge, String port, Namespace ns, String device, int mtu, AddressWithPrefix address) {
        sw.ok(
                "ip",
                "link",
                "add",
                port,
                "mtu",
                Integer.toString(mtu),
                "type",
                "veth",
                "peer",
                "name",
                device,
                "netns",
                ns.name());
        sw.ok("ip", "link", "set", port, "master", bridge, "up");
        ns.ok("ip", "addr", "add", address.toString(), "dev", device);
        ns.ok("ip", "link", "set", device, "up");
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(String shortName) {
        return nodes.stream()
                .filter(n -> n.namespace().name().endsWith("-" + shortName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + shortName + " in this underlay"));
    }

    public Namespace switchNamespace() {
        return switchNs;
    }

    public Namespace router() {
        return router;
    }
}
