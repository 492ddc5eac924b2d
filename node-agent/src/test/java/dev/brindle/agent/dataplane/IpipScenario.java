package dev.brindle.agent.dataplane;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.lab.Underlay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The IPIP end-to-end scenario, as a program: it needs a kernel with the ipip module, so {@link IpipIT} runs it
 * either directly or inside {@code run-in-vm.sh}'s guest. Prints each check and exits 0 when all pass. NAT is left
 * out: the UML guest has no nf_tables for the ip family.
 */
public final class IpipScenario {
    private static final NatTable NO_NAT = rules -> {};

    private IpipScenario() {}

    public static void main(String[] args) {
        boolean ok = always() & crossSubnet();
        System.out.println(ok ? "IPIP-SCENARIO: PASS" : "IPIP-SCENARIO: FAIL");
        System.exit(ok ? 0 : 1);
    }

    private static boolean always() {
        var subnets = List.of(new Underlay.Subnet(IpPrefix.parse("192.168.80.0/24"), List.of("n1", "n2", "n3")));
        try (KernelLab lab = new KernelLab("ipip", subnets, EncapMode.Always, EncapMode.Never)) {
            lab.underlay.nodes().forEach(n -> lab.start(KernelLab.nodeName(n), NO_NAT));
            boolean routes = within(() -> lab.routes("n1")
                    .containsAll(List.of(
                            "blackhole 10.244.0.0/26",
                            "10.244.0.64/26 via 192.168.80.11 dev tunl0 onlink",
                            "10.244.0.128/26 via 192.168.80.12 dev tunl0 onlink")));
            report("ipip always: routes " + lab.routes("n1"), routes);
            String tunl0 = lab.underlay.node("n1").namespace().ok("ip", "-d", "addr", "show", "dev", "tunl0");
            boolean device = tunl0.contains("mtu 1480") && tunl0.contains("10.244.0.1/32") && tunl0.contains("UP");
            report("ipip always: tunl0 mtu 1480, 10.244.0.1/32, up", device);
            boolean ping = within(lab::allPodsReachEachOther);
            report("ipip always: every pod reaches every other pod", ping);
            return routes && device && ping;
        }
    }

    private static boolean crossSubnet() {
        var subnets = List.of(
                new Underlay.Subnet(IpPrefix.parse("192.168.81.0/24"), List.of("n1", "n2")),
                new Underlay.Subnet(IpPrefix.parse("192.168.82.0/24"), List.of("n3")));
        try (KernelLab lab = new KernelLab("ipipx", subnets, EncapMode.CrossSubnet, EncapMode.Never)) {
            lab.underlay.nodes().forEach(n -> lab.start(KernelLab.nodeName(n), NO_NAT));
            boolean routes = within(() -> lab.routes("n1")
                    .containsAll(List.of(
                            "10.244.0.64/26 via 192.168.81.11 dev eth0",
                            "10.244.0.128/26 via 192.168.82.10 dev tunl0 onlink")));
            report("ipip cross-subnet: routes " + lab.routes("n1"), routes);
            boolean ping = within(lab::allPodsReachEachOther);
            report("ipip cross-subnet: every pod reaches every other pod", ping);
            return routes && ping;
        }
    }

    private static boolean within(BooleanSupplier check) {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(end)) {
            if (check.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return check.getAsBoolean();
    }

    private static void report(String what, boolean ok) {
        System.out.println((ok ? "ok   " : "FAIL ") + what);
    }
}
