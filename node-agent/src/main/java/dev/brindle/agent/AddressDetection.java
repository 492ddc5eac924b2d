package dev.brindle.agent;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Works out the node's IPv4 address from {@code --ip} (CONTRACT.md "Node agent"): an explicit {@code address/prefix},
 * or an autodetection method in Calico's spelling — {@code first-found} (the first up, non-loopback interface with an
 * IPv4 address, skipping brindle's own and container interfaces), {@code interface=<regex>}, {@code cidr=<cidr>},
 * {@code can-reach=<ip>} (the source address the kernel picks towards that IP, with its interface's prefix length).
 * Detection runs in the calling thread's network namespace.
 */
public final class AddressDetection {
    /** Interfaces that are never the node's own address: ours, Docker's, CNI bridges, virtual and tunnel devices. */
    private static final Pattern SKIPPED = Pattern.compile(
            "^(brl.*|tunl.*|vxlan\\..*|docker.*|cbr.*|cni.*|veth.*|kube-ipvs.*|cali.*|flannel.*|virbr.*|lxc.*)$");

    private AddressDetection() {}

    public static AddressWithPrefix detect(String method) throws SocketException {
        if (method.equals("first-found")) {
            return find(i -> !SKIPPED.matcher(i.getName()).matches(), a -> true, method);
        }
        if (method.startsWith("interface=")) {
            Pattern p = Pattern.compile(method.substring("interface=".length()));
            return find(i -> p.matcher(i.getName()).matches(), a -> true, method);
        }
        if (method.startsWith("cidr=")) {
            IpPrefix cidr = IpPrefix.parse(method.substring("cidr=".length()));
            return find(i -> true, a -> cidr.contains(a.getAddress()), method);
        }
        if (method.startsWith("can-reach=")) {
            return canReach(method.substring("can-reach=".length()), method);
        }
        AddressWithPrefix explicit = AddressWithPrefix.parse(method);
        if (method.indexOf('/') < 0) {
            throw new IllegalArgumentException("--ip " + method + " needs a prefix length, e.g. " + method + "/24");
        }
        return explicit;
    }

    /**
     * The address the kernel would send from to reach {@code target}: connecting a UDP socket sends nothing, it makes
     * the kernel look the route up (policy rules and tables included, as RTM_GETROUTE would) and bind the socket to
     * the route's preferred source, or the output device's primary address. The prefix length comes from the
     * interface holding that address.
     */
    private static AddressWithPrefix canReach(String target, String method) throws SocketException {
        if (target.isBlank()) {
            throw new IllegalArgumentException("--ip can-reach= needs a destination, e.g. can-reach=8.8.8.8");
        }
        InetAddress destination;
        try {
            destination = InetAddress.getByName(target);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--ip " + method + ": " + target + " is neither an IPv4 address nor a"
                    + " resolvable name; give the address to reach, e.g. can-reach=8.8.8.8");
        }
        if (!(destination instanceof Inet4Address)) {
            throw new IllegalArgumentException("--ip " + method + ": " + target + " is not IPv4; brindle-node"
                    + " detects the node's IPv4 address, give an IPv4 destination");
        }
        InetAddress source;
        try (DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET)) {
            // Port 9 (discard): connect() only routes, no packet leaves.
            udp.connect(new InetSocketAddress(destination, 9));
            source = ((InetSocketAddress) udp.getLocalAddress()).getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("--ip " + method + ": this node has no route to " + target + " ("
                    + e.getMessage() + "); give a destination the node's underlay reaches, or --ip address/prefix");
        }
        NetworkInterface owner = source.isAnyLocalAddress() ? null : NetworkInterface.getByInetAddress(source);
        if (owner == null) {
            throw new IllegalArgumentException("--ip " + method + ": the route to " + target + " has no local source"
                    + " address; give --ip address/prefix");
        }
        InterfaceAddress held = owner.getInterfaceAddresses().stream()
                .filter(a -> a.getAddress().equals(source))
                .findFirst()
                .orElseThrow();
        return new AddressWithPrefix(source, held.getNetworkPrefixLength());
    }

    private static AddressWithPrefix find(
            Predicate<NetworkInterface> iface, Predicate<InterfaceAddress> addr, String method) throws SocketException {
        List<NetworkInterface> all = Collections.list(NetworkInterface.getNetworkInterfaces());
        all.sort(Comparator.comparingInt(NetworkInterface::getIndex));
        for (NetworkInterface i : all) {
            if (!i.isUp() || i.isLoopback() || !iface.test(i)) {
                continue;
            }
            Optional<InterfaceAddress> found = i.getInterfaceAddresses().stream()
                    .filter(a -> a.getAddress() instanceof Inet4Address)
                    .filter(addr)
                    .findFirst();
            if (found.isPresent()) {
                return new AddressWithPrefix(
                        found.get().getAddress(), found.get().getNetworkPrefixLength());
            }
        }
        throw new IllegalArgumentException("--ip " + method + ": no up, non-loopback interface with a matching IPv4"
                + " address; give the address explicitly as --ip address/prefix");
    }
}
