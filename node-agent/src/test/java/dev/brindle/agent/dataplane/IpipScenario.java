package dev.brindle.agent.dataplane;

import dev.brindle.datastore.resource.EncapMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The IPIP end-to-end scenario, as a program: it needs a kernel with the ipip module, so {@link IpipIT} runs it
 * either directly or inside {@code run-in-vm.sh}'s guest. Plain veth topologies (the QEMU guest has no bridge
 * module); NAT left out (the UML guest has no nf_tables for ip). Prints each check and exits 0 when all pass.
 */
public final class IpipScenario {
    private static final NatTable NO_NAT = rules -> {};

    private IpipScenario() {}

    public static void main(String[] args) {
        boolean ok = sameLink() & throughRouter();
        System.out.println(ok ? "IPIP-SCENARIO: PASS" : "IPIP-SCENARIO: FAIL");
        System.exit(ok ? 0 : 1);
    }

    /** Always: tunl0 onlink routes and tunl0's configuration; then a live switch to CrossSubnet: direct routes. */
    private static boolean sameLink() {
        try (KernelLab lab = new KernelLab("ipip", VethTopology::pair, EncapMode.Always, EncapMode.Never)) {
            lab.nodes().forEach(n -> lab.start(KernelLab.nodeName(n), NO_NAT));
            boolean routes = within(() -> lab.routes("n1")
                    .containsAll(
                            List.of("blackhole 10.244.0.0/26", "10.244.0.64/26 via 192.168.80.11 dev tunl0 onlink")));
            report("ipip always: routes " + lab.routes("n1"), routes);
            String tunl0 = lab.node("n1").namespace().ok("ip", "-d", "addr", "show", "dev", "tunl0");
            boolean device = tunl0.contains("mtu 1480") && tunl0.contains("10.244.0.1/32") && tunl0.contains("UP");
            report("ipip always: tunl0 mtu 1480, 10.244.0.1/32, up", device);
            boolean ping = within(lab::allPodsReachEachOther);
            report("ipip always: every pod reaches every other pod", ping);
            lab.setModes(EncapMode.CrossSubnet, EncapMode.Never, false);
            boolean direct = within(() -> lab.routes("n1").contains("10.244.0.64/26 via 192.168.80.11 dev eth0"));
            report("ipip cross-subnet, same subnet: direct route " + lab.routes("n1"), direct);
            boolean ping2 = within(lab::allPodsReachEachOther);
            report("ipip cross-subnet, same subnet: pods reach each other", ping2);
            return routes && device && ping && direct && ping2;
        }
    }

    private static boolean throughRouter() {
        try (KernelLab lab = new KernelLab("ipipx", VethTopology::routed, EncapMode.CrossSubnet, EncapMode.Never)) {
            lab.nodes().forEach(n -> lab.start(KernelLab.nodeName(n), NO_NAT));
            boolean routes =
                    within(() -> lab.routes("n1").contains("10.244.0.64/26 via 192.168.82.10 dev tunl0 onlink"));
            report("ipip cross-subnet, through a router: routes " + lab.routes("n1"), routes);
            boolean ping = within(lab::allPodsReachEachOther);
            report("ipip cross-subnet, through a router: pods reach each other", ping);
            return routes && ping;
        }
    }

    private static boolean within(BooleanSupplier check) {
        Instant end = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(end)) {
            if (check.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(300);
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
