package dev.brindle.agent.dataplane;

import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.lab.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The IPIP part of docs/walkthrough.md, as a program: it needs a kernel with the ipip module, which this machine's
 * lacks, so scripts/walkthrough.sh runs it inside run-in-vm.sh's guest (or directly where ipip exists). Two nodes on
 * one link, one pod each, brindle's dataplane agent on the real kernel (routes from the datastore, as in VXLAN mode;
 * the lab's BGP and CNI processes are too slow to start under software emulation). Prints a markdown fragment: the
 * tunl0 routes and device, a capture of IP-in-IP on the wire, then the pool switched to no encapsulation.
 */
public final class IpipTour {
    static final String BEGIN = "<!-- ipip-tour:begin -->";
    static final String END = "<!-- ipip-tour:end -->";

    private IpipTour() {}

    public static void main(String[] args) throws Exception {
        try (KernelLab lab = new KernelLab("tour", VethTopology::pair, EncapMode.Always, EncapMode.Never)) {
            lab.nodes().forEach(n -> lab.start(KernelLab.nodeName(n), rules -> {}));
            Namespace n1 = lab.node("n1").namespace();
            // Markers: the guest's console also carries the JVM's and the agents' own output.
            System.out.println(BEGIN);
            await(() ->
                    lab.routes("n1").stream().anyMatch(r -> r.contains("dev tunl0")) && lab.allPodsReachEachOther());
            say("Two nodes, `n1` (192.168.80.10) and `n2` (192.168.80.11), one pod each (" + lab.podIps.get("n1")
                    + " and " + lab.podIps.get("n2") + "), pool `ipipMode: Always`. The remote block goes through"
                    + " `tunl0`, `onlink` because its next hop (the other node's underlay address) is not on the"
                    + " tunnel's own subnet; `tunl0` holds the node's IPIP tunnel address and an MTU 20 bytes under"
                    + " the underlay's:");
            show(n1, "ip", "route", "show", "proto", "98");
            show(n1, "ip", "-d", "addr", "show", "dev", "tunl0");
            say("The pod on n1 pings the pod on n2; on n1's underlay each ICMP packet travels inside an outer IPv4"
                    + " header of protocol 4 (IP-in-IP), node address to node address:");
            capture(lab, n1, "ip proto 4");
            lab.setModes(EncapMode.Never, EncapMode.Never, false);
            await(() -> lab.routes("n1").stream().anyMatch(r -> r.contains("dev eth0")) && lab.allPodsReachEachOther());
            say("The pool edited to `ipipMode: Never`, live: the agent replaces the tunnel route with a direct one via"
                    + " the other node's underlay address, and the packets on the wire are the pods' own:");
            show(n1, "ip", "route", "show", "proto", "98");
            capture(lab, n1, "icmp");
            System.out.println(END);
        }
    }

    private static void say(String text) {
        System.out.println(text);
        System.out.println();
    }

    private static void show(Namespace ns, String... argv) {
        System.out.println("```");
        System.out.println("$ sudo ip netns exec " + ns.name() + " " + String.join(" ", argv));
        System.out.print(ns.exec(argv).out().stripTrailing().replaceAll("(?m)[ \t]+$", "") + "\n");
        System.out.println("```");
        System.out.println();
    }

    private static void capture(KernelLab lab, Namespace ns, String filter) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        argv.addAll(List.of("timeout", "20", "tcpdump", "-l", "-ni", "eth0", "-c", "2", "-vv", filter));
        Process tcpdump = new ProcessBuilder(argv)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread.sleep(3000); // tcpdump attaches its filter slowly under emulation
        lab.ping("n1", "n2");
        lab.ping("n1", "n2");
        String out = new String(tcpdump.getInputStream().readAllBytes());
        tcpdump.waitFor(30, TimeUnit.SECONDS);
        System.out.println("```");
        System.out.println("$ sudo ip netns exec " + ns.name() + " tcpdump -ni eth0 -c 2 -vv '" + filter + "'");
        System.out.print(out.stripTrailing().replaceAll("(?m)[ \t]+$", "") + "\n");
        System.out.println("```");
        System.out.println();
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(180));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("the IPIP tour did not converge within 180 s");
            }
            Thread.sleep(300);
        }
    }
}
