package dev.brindle.agent;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Works out the node's IPv4 address from {@code --ip} (CONTRACT.md "Node agent"): an explicit {@code address/prefix},
 * or an autodetection method in Calico's spelling — {@code first-found} (the first up, non-loopback interface with an
 * IPv4 address, skipping brindle's own and container interfaces), {@code interface=<regex>}, {@code cidr=<cidr>}.
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
            throw new IllegalArgumentException("--ip can-reach= is not supported yet; give address/prefix, "
                    + "first-found, interface=<regex> or cidr=<cidr>");
        }
        AddressWithPrefix explicit = AddressWithPrefix.parse(method);
        if (method.indexOf('/') < 0) {
            throw new IllegalArgumentException("--ip " + method + " needs a prefix length, e.g. " + method + "/24");
        }
        return explicit;
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
