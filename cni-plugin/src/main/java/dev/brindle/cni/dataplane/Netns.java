package dev.brindle.cni.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.MacAddress;
import java.util.List;
import java.util.Optional;

/**
 * The kernel operations a pod's wiring needs, inside one network namespace: the narrow port between the CNI flows
 * and the netlink module, so that the flows are unit-tested against an in-memory twin.
 */
public interface Netns extends AutoCloseable {
    /** The path this namespace was opened from, or empty for the plugin's own (the node's). */
    String path();

    Optional<LinkState> link(String name);

    /** Deletes the link (a veth takes its peer with it); false when there was none. */
    boolean deleteLink(String name);

    /** Creates a veth pair: {@code name} here, {@code peerName} directly in {@code peerNs}, both with {@code mtu}. */
    void createVeth(String name, String peerName, Netns peerNs, int mtu);

    void setMac(String link, MacAddress mac);

    void setUp(String link);

    void addAddress(String link, AddressWithPrefix address);

    List<AddressWithPrefix> addresses(String link);

    /** Adds a route; one that already exists with the same destination, device and gateway is not an error. */
    void addRoute(RouteSpec route);

    /** The main-table unicast routes through {@code link}. */
    List<RouteSpec> routes(String link);

    /** Writes a sysctl under /proc/sys in this namespace, e.g. {@code net/ipv4/conf/brl123/proxy_arp}. */
    void writeSysctl(String key, String value);

    Optional<String> readSysctl(String key);

    @Override
    void close();
}
