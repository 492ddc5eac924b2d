package dev.brindle.agent.dataplane;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import dev.brindle.lab.Underlay;
import dev.brindle.netlink.rt.RtNetlink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small cluster in namespaces for the dataplane ITs: an {@link Underlay} of nodes, one {@link DataplaneAgent} per
 * node on the real kernel (RtNetlink opened in the node's namespace, nft run inside it), a shared in-memory
 * datastore with pool 10.244.0.0/16 and one /26 per node, and one pod per node wired the way the CNI plugin does
 * (veth, /32, routes via 169.254.1.1, proxy ARP).
 */
final class KernelLab implements AutoCloseable {
    static final IpPrefix POOL = IpPrefix.parse("10.244.0.0/16");

    final NamespaceSet set;
    private final List<Underlay.Node> nodes;
    final Datastore store = Datastores.inMemory();
    final Map<String, Namespace> pods = new LinkedHashMap<>();
    final Map<String, String> podIps = new LinkedHashMap<>();
    private final Map<String, DataplaneAgent> agents = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    KernelLab(String purpose, List<Underlay.Subnet> subnets, EncapMode ipip, EncapMode vxlan) {
        this(purpose, set -> Underlay.build(set, subnets).nodes(), ipip, vxlan);
    }

    /** A lab on any topology of node namespaces, e.g. plain veths where the kernel has no bridge. */
    KernelLab(
            String purpose,
            java.util.function.Function<NamespaceSet, List<Underlay.Node>> topology,
            EncapMode ipip,
            EncapMode vxlan) {
        set = NamespaceSet.create(purpose);
        try {
            nodes = List.copyOf(topology.apply(set));
            store.create(IPPool.of("default", POOL.toString())
                    .withSpec(IPPool.Spec.defaults(POOL).withEncapsulation(ipip, vxlan)));
            int i = 0;
            for (Underlay.Node n : nodes) {
                register(n, i++);
            }
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    List<Underlay.Node> nodes() {
        return nodes;
    }

    Underlay.Node node(String shortName) {
        return nodes.stream()
                .filter(n -> nodeName(n).equals(shortName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + shortName));
    }

    static String nodeName(Underlay.Node n) {
        String ns = n.namespace().name();
        return ns.substring(ns.lastIndexOf('-') + 1);
    }

    private void register(Underlay.Node n, int i) {
        String name = nodeName(n);
        IpPrefix block = POOL.subnet(26, i);
        store.create(Node.of(name, n.address())
                .withSpec(Node.of(name, n.address())
                        .spec()
                        .withVxlanTunnel(block.addressAt(0), null)
                        .withIpipTunnelAddr(block.addressAt(1))));
        store.create(IPAMBlock.empty(block, name, 0, Instant.EPOCH));
        store.create(BlockAffinity.pending(name, block).withState(BlockAffinity.State.confirmed));
        addPod(n, name, block.addressAt(2));
    }

    /** A pod as the CNI plugin leaves it (CONTRACT.md "Kernel state after ADD"). */
    private void addPod(Underlay.Node n, String nodeName, java.net.InetAddress ip) {
        String addr = IpAddresses.format(ip);
        pods.put(nodeName, wirePod(set, n.namespace(), nodeName, addr));
        podIps.put(nodeName, addr);
    }

    /** A pod namespace wired to {@code node} as the CNI plugin leaves it (CONTRACT.md "Kernel state after ADD"). */
    static Namespace wirePod(NamespaceSet set, Namespace node, String nodeName, String addr) {
        Namespace pod = set.add("pod-" + nodeName);
        String veth = "brl" + nodeName;
        node.ok("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", pod.name());
        node.ok("ip", "link", "set", veth, "address", "ee:ee:ee:ee:ee:ee", "up");
        node.ok("sysctl", "-qw", "net.ipv4.conf." + veth + ".proxy_arp=1");
        node.ok("ip", "route", "add", addr + "/32", "dev", veth, "scope", "link");
        pod.ok("ip", "link", "set", "lo", "up");
        pod.ok("ip", "addr", "add", addr + "/32", "dev", "eth0");
        pod.ok("ip", "link", "set", "eth0", "up");
        pod.ok("ip", "route", "add", "169.254.1.1", "dev", "eth0", "scope", "link");
        pod.ok("ip", "route", "add", "default", "via", "169.254.1.1", "dev", "eth0");
        return pod;
    }

    /** Starts (or restarts) the agent of node {@code name}, with natOutgoing through nft inside the node. */
    DataplaneAgent start(String name) {
        return start(
                name,
                new NftNatTable(
                        List.of("ip", "netns", "exec", node(name).namespace().name())));
    }

    DataplaneAgent start(String name, NatTable nat) {
        Underlay.Node n = node(name);
        RtNetlink netlink = RtNetlink.open(n.namespace().path());
        DataplaneConfig config =
                new DataplaneConfig(RouteSource.DATASTORE, Duration.ofSeconds(90), Duration.ofMillis(200), nat);
        DataplaneAgent agent = new DataplaneAgent(store, netlink, name, n.address(), config);
        agent.start();
        closeables.add(netlink);
        closeables.add(agent);
        agents.put(name, agent);
        return agent;
    }

    void startAll() {
        nodes().forEach(n -> start(nodeName(n)));
    }

    DataplaneAgent agent(String name) {
        return agents.get(name);
    }

    void stop(String name) {
        agents.remove(name).close();
    }

    void setModes(EncapMode ipip, EncapMode vxlan, boolean nat) {
        IPPool p = store.get(Kind.IPPOOL, "default").orElseThrow();
        store.update(p.withSpec(p.spec().withEncapsulation(ipip, vxlan).withNatOutgoing(nat)));
    }

    /** {@code ip route show proto 98} (the name needs rt_protos.d, which tests leave alone) in a node, one route per line. */
    List<String> routes(String node) {
        return NodeProcesses.routes(node(node));
    }

    boolean ping(String fromNode, String toNode) {
        return ping(pods.get(fromNode), podIps.get(toNode));
    }

    boolean allPodsReachEachOther() {
        return allReachEachOther(pods, podIps);
    }

    private static boolean ping(Namespace from, String ip) {
        return from.exec("ping", "-c1", "-W1", ip).exit() == 0;
    }

    /** Whether every pod (namespace by name) pings every other pod's address (by the same name). */
    static boolean allReachEachOther(Map<String, Namespace> pods, Map<String, String> ips) {
        for (String a : pods.keySet()) {
            for (String b : pods.keySet()) {
                if (!a.equals(b) && !ping(pods.get(a), ips.get(b))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing the rest; the namespaces go anyway
            }
        }
        store.close();
        set.close();
    }
}
