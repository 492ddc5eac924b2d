package dev.brindle.cni.dataplane;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CNI CHECK for {@link PodWiring}: every piece of kernel state ADD made must still be there. Calico's CHECK is a
 * no-op; the spec asks a plugin to verify its interfaces, addresses and routes, tolerating routes that later plugins
 * added, so only presence is checked, never absence of extras.
 */
public final class WiringCheck {
    private WiringCheck() {}

    /** Everything that differs from the plan, in words; empty when the attachment is intact. */
    public static List<String> problems(Netns host, Netns pod, PodWiring.Plan plan) {
        List<String> problems = new ArrayList<>();
        Optional<LinkState> podLink = pod.link(plan.podIf());
        if (podLink.isEmpty()) {
            problems.add("interface " + plan.podIf() + " is missing from " + pod.path());
        } else {
            if (!podLink.get().up()) {
                problems.add("interface " + plan.podIf() + " in " + pod.path() + " is down");
            }
            List<AddressWithPrefix> have = pod.addresses(plan.podIf());
            for (AddressWithPrefix a : plan.addresses()) {
                if (!have.contains(a)) {
                    problems.add("address " + a + " is missing from " + plan.podIf() + " (it has " + have + ")");
                }
            }
            List<RouteSpec> routes = pod.routes(plan.podIf());
            if (plan.hasV4()) {
                expectRoute(problems, routes, RouteSpec.link(PodWiring.GATEWAY_HOST, plan.podIf()), "pod");
                expectRoute(
                        problems, routes, RouteSpec.via(PodWiring.DEFAULT_V4, PodWiring.GATEWAY, plan.podIf()), "pod");
            }
            if (plan.hasV6()) {
                expectRoute(
                        problems,
                        routes,
                        RouteSpec.via(PodWiring.DEFAULT_V6, PodWiring.HOST_LINK_LOCAL, plan.podIf()),
                        "pod");
            }
        }
        Optional<LinkState> hostLink = host.link(plan.hostVeth());
        if (hostLink.isEmpty()) {
            problems.add("host veth " + plan.hostVeth() + " is missing");
            return problems;
        }
        if (!hostLink.get().up()) {
            problems.add("host veth " + plan.hostVeth() + " is down");
        }
        if (!hostLink.get().mac().equals(MacAddress.EEEE)) {
            problems.add("host veth " + plan.hostVeth() + " has MAC "
                    + hostLink.get().mac() + ", not " + MacAddress.EEEE);
        }
        expectMtu(problems, plan, hostLink.get(), podLink);
        String v = plan.hostVeth();
        expectSysctl(problems, host, "net/ipv4/conf/" + v + "/proxy_arp", "1");
        expectSysctl(problems, host, "net/ipv4/conf/" + v + "/forwarding", "1");
        expectSysctl(problems, host, "net/ipv4/conf/" + v + "/route_localnet", "1");
        List<RouteSpec> hostRoutes = host.routes(v);
        for (AddressWithPrefix a : plan.addresses()) {
            expectRoute(problems, hostRoutes, PodWiring.hostRoute(a, v), "node");
        }
        return problems;
    }

    /**
     * Both ends of a veth carry the MTU ADD gave them: the netconf's when it names one ({@code plan.mtu()} > 0),
     * else at least the same on both sides (a pod end changed by hand would black-hole large packets one way).
     */
    private static void expectMtu(
            List<String> problems, PodWiring.Plan plan, LinkState hostLink, Optional<LinkState> podLink) {
        int want = plan.mtu() > 0 ? plan.mtu() : hostLink.mtu();
        if (hostLink.mtu() != want) {
            problems.add("host veth " + plan.hostVeth() + " has MTU " + hostLink.mtu() + ", not " + want);
        }
        podLink.filter(l -> l.mtu() != want)
                .ifPresent(l -> problems.add("interface " + plan.podIf() + " has MTU " + l.mtu() + ", not " + want));
    }

    private static void expectRoute(List<String> problems, List<RouteSpec> routes, RouteSpec want, String where) {
        if (!routes.contains(want)) {
            problems.add("route " + want + " is missing on the " + where + " side");
        }
    }

    private static void expectSysctl(List<String> problems, Netns ns, String key, String want) {
        Optional<String> have = ns.readSysctl(key);
        if (!have.map(String::strip).equals(Optional.of(want))) {
            problems.add("sysctl " + key.replace('/', '.') + " is " + have.orElse("unreadable") + ", not " + want);
        }
    }
}
