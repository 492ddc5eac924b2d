package dev.brindle.cni.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.core.MacAddress;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a pod on the node the Calico way (calico-facts.md §1.5–1.6; CONTRACT.md "Kernel state after ADD"): a veth
 * whose host end has MAC ee:ee:ee:ee:ee:ee and answers ARP for everything (proxy_arp), the pod's /32 on its end, a
 * link-scope route to the fake gateway 169.254.1.1 and a default route through it, and a /32 route on the node.
 * Nothing owns 169.254.1.1: proxy ARP on the host veth answers for it, so the pod's next hop is always the node.
 */
public final class PodWiring {
    private static final Logger LOG = LoggerFactory.getLogger(PodWiring.class);
    public static final InetAddress GATEWAY = IpAddresses.parse("169.254.1.1");
    static final IpPrefix GATEWAY_HOST = IpPrefix.host(GATEWAY);
    static final IpPrefix DEFAULT_V4 = IpPrefix.parse("0.0.0.0/0");
    static final IpPrefix DEFAULT_V6 = IpPrefix.parse("::/0");
    /**
     * The host veth's IPv6 link-local address: EUI-64 of ee:ee:ee:ee:ee:ee (RFC 4291 §2.5.1, universal/local bit
     * flipped). IPv6 needs no fake gateway: the pod's default route points at this (calico-facts.md §1.6).
     */
    public static final InetAddress HOST_LINK_LOCAL = IpAddresses.parse("fe80::ecee:eeff:feee:eeee");

    /** The desired state of one attachment. Addresses are host prefixes (/32, /128). */
    public record Plan(String hostVeth, String podIf, int mtu, List<AddressWithPrefix> addresses) {
        public Plan {
            addresses = List.copyOf(addresses);
            for (AddressWithPrefix a : addresses) {
                if (a.prefixLength() != a.family().bits()) {
                    throw new IllegalArgumentException("pod address " + a + " must be a host prefix");
                }
            }
        }

        boolean hasV4() {
            return addresses.stream().anyMatch(a -> a.family() == IpFamily.V4);
        }

        boolean hasV6() {
            return addresses.stream().anyMatch(a -> a.family() == IpFamily.V6);
        }
    }

    private PodWiring() {}

    /**
     * Creates the veth and programs both sides. A stale host veth of the same name (an earlier sandbox of this
     * pod) and a pod interface left by an earlier try of this ADD are deleted first, so a retry leaves one pair.
     * Returns the pod interface as the kernel made it (its MAC goes into the result).
     */
    public static LinkState setUp(Netns host, Netns pod, Plan plan) {
        if (host.deleteLink(plan.hostVeth())) {
            LOG.info("replaced stale host veth {}", plan.hostVeth());
        }
        if (pod.deleteLink(plan.podIf())) {
            LOG.info("replaced {} left in {} by an earlier ADD", plan.podIf(), pod.path());
        }
        host.createVeth(plan.hostVeth(), plan.podIf(), pod, plan.mtu());
        host.setMac(plan.hostVeth(), MacAddress.EEEE);
        hostSysctls(host, plan);
        if (plan.hasV6()) {
            podV6Sysctls(pod, plan);
        }
        host.setUp(plan.hostVeth());
        pod.setUp(plan.podIf());
        if (plan.hasV4()) {
            // Routes before addresses, as Calico does: the gateway route must exist before the default via it.
            pod.addRoute(RouteSpec.link(GATEWAY_HOST, plan.podIf()));
            pod.addRoute(RouteSpec.via(DEFAULT_V4, GATEWAY, plan.podIf()));
        }
        if (plan.hasV6()) {
            pod.addRoute(RouteSpec.via(DEFAULT_V6, HOST_LINK_LOCAL, plan.podIf()));
        }
        for (AddressWithPrefix a : plan.addresses()) {
            pod.addAddress(plan.podIf(), a);
            host.addRoute(hostRoute(a, plan.hostVeth()));
        }
        return pod.link(plan.podIf())
                .orElseThrow(() -> new IllegalStateException(plan.podIf() + " vanished from " + pod.path()));
    }

    /**
     * The node's route to one pod address: {@code <ip>/32 dev <veth> scope link}; for IPv6 the same without a scope,
     * which the kernel does not keep for IPv6 routes (they always read back as universe).
     */
    static RouteSpec hostRoute(AddressWithPrefix a, String hostVeth) {
        IpPrefix dst = IpPrefix.host(a.address());
        return a.family() == IpFamily.V4
                ? RouteSpec.link(dst, hostVeth)
                : new RouteSpec(dst, Optional.empty(), hostVeth, false);
    }

    private static void hostSysctls(Netns host, Plan plan) {
        String v = plan.hostVeth();
        host.writeSysctl("net/ipv4/conf/" + v + "/route_localnet", "1");
        host.writeSysctl("net/ipv4/conf/" + v + "/proxy_arp", "1");
        host.writeSysctl("net/ipv4/conf/" + v + "/forwarding", "1");
        bestEffort(host, "net/ipv4/neigh/" + v + "/proxy_delay", "0");
        // Without IPv6 in the kernel these files do not exist; Calico only warns too.
        bestEffort(host, "net/ipv6/conf/" + v + "/accept_ra", "0");
        if (plan.hasV6()) {
            // No DAD on the host end: its link-local address is the pod's gateway and must be usable at once.
            host.writeSysctl("net/ipv6/conf/" + v + "/disable_ipv6", "0");
            host.writeSysctl("net/ipv6/conf/" + v + "/accept_dad", "0");
            host.writeSysctl("net/ipv6/conf/" + v + "/proxy_ndp", "1");
            host.writeSysctl("net/ipv6/conf/" + v + "/forwarding", "1");
        }
    }

    /**
     * IPv6 in the pod (calico-facts.md §1.5–1.6): enabled however the runtime created the namespace, and no DAD on
     * the pod's interface — written before the links go up, so the /128 is usable the moment ADD returns instead of
     * after a second of tentative state.
     */
    private static void podV6Sysctls(Netns pod, Plan plan) {
        for (String conf : List.of("all", "default", "lo")) {
            pod.writeSysctl("net/ipv6/conf/" + conf + "/disable_ipv6", "0");
        }
        pod.writeSysctl("net/ipv6/conf/" + plan.podIf() + "/accept_dad", "0");
    }

    private static void bestEffort(Netns ns, String key, String value) {
        try {
            ns.writeSysctl(key, value);
        } catch (RuntimeException e) {
            LOG.warn("could not set {}={}: {}", key, value, e.getMessage());
        }
    }

    /** Removes the pod's interface; its host peer goes with it. Succeeds when it is already gone. */
    public static void tearDown(Netns pod, String podIf) {
        if (!pod.deleteLink(podIf)) {
            LOG.info("{} was already gone from {}", podIf, pod.path());
        }
    }

    /** Removes a host veth by name: the clean-up of an ADD that failed half-way. */
    public static void removeHostVeth(Netns host, String hostVeth) {
        host.deleteLink(hostVeth);
    }
}
