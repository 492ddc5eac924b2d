package dev.brindle.netlink;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.MacAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The kernel's network configuration of one network namespace, as brindle needs it (the shape of Felix's
 * {@code netlinkshim.Interface}). The real implementation is {@code RtNetlink} (rtnetlink over AF_NETLINK);
 * {@code FakeNetlink} is its in-memory model for unit tests.
 *
 * <p>Every kernel refusal is a {@link NetlinkException} naming the operation, the object and the errno; invalid
 * arguments (a 16-byte interface name, a bad MTU) are refused with {@link IllegalArgumentException} before anything
 * is sent. Links are addressed by name (the kernel resolves IFLA_IFNAME), everything attached to a link by its
 * ifindex. Implementations are safe for use from several threads (requests are serialised).
 */
public interface Netlink extends AutoCloseable {

    // ---- links

    List<Link> listLinks();

    Optional<Link> findLink(String name);

    /** The link called {@code name}; throws ENODEV when there is none. */
    Link link(String name);

    /** The link with this ifindex; throws ENODEV when there is none. */
    Link link(int index);

    /** Creates a veth pair and returns the end in this namespace. */
    Link createVeth(VethSpec spec);

    Link createVxlan(VxlanSpec spec);

    Link createBridge(String name);

    /** Creates a dummy device (needs CONFIG_DUMMY; EOPNOTSUPP when the kernel lacks it). */
    Link createDummy(String name);

    /**
     * Configures the ipip fallback device {@code tunl0}: MTU, a /32 address (replacing any other global IPv4
     * address on it) and admin up. It exists only when the ipip module is loaded; otherwise this throws ENODEV.
     */
    Link setUpTunl0(int mtu, Optional<AddressWithPrefix> address);

    void setLinkUp(String name, boolean up);

    void setMtu(String name, int mtu);

    void setMac(String name, MacAddress mac);

    /** Enslaves {@code name} to the bridge {@code master}; an empty master releases it. */
    void setMaster(String name, Optional<String> master);

    /** Moves the link into the namespace at {@code namespace} (it disappears from this one). */
    void moveToNamespace(String name, Path namespace);

    /** Deletes the link (for a veth, both ends). */
    void deleteLink(String name);

    // ---- addresses

    void addAddress(int linkIndex, AddressWithPrefix address);

    void deleteAddress(int linkIndex, AddressWithPrefix address);

    /** Addresses of one family on one link ({@code linkIndex} 0 for all links). */
    List<Address> listAddresses(int linkIndex, IpFamily family);

    // ---- routes

    void addRoute(Route route);

    void replaceRoute(Route route);

    void deleteRoute(Route route);

    List<Route> listRoutes(RouteFilter filter);

    /**
     * Applies many route changes, pipelined: requests are sent without waiting for each acknowledgement, and each
     * failure is reported by its position in {@code ops}. A failure does not stop the others.
     */
    BatchResult apply(List<RouteOp> ops);

    // ---- neighbours (ARP / NDP)

    void addNeighbour(Neighbour neighbour);

    void replaceNeighbour(Neighbour neighbour);

    void deleteNeighbour(Neighbour neighbour);

    List<Neighbour> listNeighbours(int linkIndex, IpFamily family);

    // ---- bridge FDB on VXLAN devices

    /** Adds an entry; EEXIST when the MAC already has one on this device. */
    void addFdb(FdbEntry entry);

    /** Creates or overwrites the entry for this MAC. */
    void replaceFdb(FdbEntry entry);

    /** Adds another destination for the MAC (NLM_F_APPEND), e.g. several flood targets for 00:00:00:00:00:00. */
    void appendFdb(FdbEntry entry);

    void deleteFdb(FdbEntry entry);

    /** The entries with a destination on this device. */
    List<FdbEntry> listFdb(int linkIndex);

    // ---- notifications, sysctls, namespaces

    /**
     * Delivers changes in the given groups to {@code listener} on a dedicated thread until the subscription is
     * closed. When notifications are lost the listener receives {@link NetlinkEvent.ResyncNeeded}.
     */
    Subscription subscribe(Set<NetlinkGroup> groups, Consumer<NetlinkEvent> listener);

    /** The sysctls of this namespace. */
    Sysctl sysctl();

    /** A handle on the namespace at {@code namespace} (a file such as {@code /run/netns/X}); close it after use. */
    Netlink openIn(Path namespace);

    @Override
    void close();
}
