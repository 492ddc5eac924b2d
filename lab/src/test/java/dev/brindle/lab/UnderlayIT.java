package dev.brindle.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.lab.junit.Needs;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

@Needs(
        root = true,
        commands = {"ip", "ping"})
class UnderlayIT {

    @Test
    void flatUnderlayConnectsEveryNode() {
        String rootLinksBefore = Cmd.ok("ip", "-o", "link", "show");
        List<String> names;
        try (var set = NamespaceSet.create("flat")) {
            var underlay = Underlay.build(
                    set, List.of(new Underlay.Subnet(IpPrefix.parse("192.168.50.0/24"), List.of("n1", "n2", "n3"))));
            names = set.namespaces().stream().map(Namespace::name).toList();
            assertThat(names).allMatch(n -> n.startsWith(set.prefix()));
            for (var from : underlay.nodes()) {
                for (var to : underlay.nodes()) {
                    String target = IpAddresses.format(to.address().address());
                    assertThat(from.namespace()
                                    .exec("ping", "-c1", "-W2", target)
                                    .exit())
                            .as("%s -> %s", from.namespace().name(), target)
                            .isZero();
                }
            }
            assertThat(underlay.node("n2").address()).hasToString("192.168.50.11/24");
        }
        for (String n : names) {
            assertThat(Files.exists(java.nio.file.Path.of("/run/netns", n)))
                    .as(n + " removed")
                    .isFalse();
        }
        assertThat(Cmd.ok("ip", "-o", "link", "show"))
                .as("root namespace links untouched")
                .isEqualTo(rootLinksBefore);
    }

    @Test
    void twoSubnetsRouteThroughTheRouter() {
        try (var set = NamespaceSet.create("cross")) {
            var underlay = Underlay.build(
                    set,
                    List.of(
                            new Underlay.Subnet(IpPrefix.parse("192.168.60.0/24"), List.of("a1", "a2")),
                            new Underlay.Subnet(IpPrefix.parse("192.168.61.0/24"), List.of("b1"))));
            var a1 = underlay.node("a1");
            var b1 = underlay.node("b1");
            assertThat(a1.namespace()
                            .exec("ping", "-c1", "-W2", "192.168.61.10")
                            .exit())
                    .isZero();
            // One hop through the router: the TTL seen at b1's reply is decremented once on the way back.
            String trace = a1.namespace().ok("ip", "route", "get", "192.168.61.10");
            assertThat(trace).contains("via 192.168.60.1");
            assertThat(b1.namespace().ok("ip", "route", "get", "192.168.60.11")).contains("via 192.168.61.1");
        }
    }

    @Test
    void namespacesOfADeadRunAreSwept() {
        // A name shaped like a run whose pid cannot exist (pid_max is at most 2^22).
        String stale = "brt-99999999-dead-x";
        Cmd.ok("ip", "netns", "add", stale);
        try {
            NamespaceSet.sweepStale();
            assertThat(Files.exists(java.nio.file.Path.of("/run/netns", stale))).isFalse();
        } finally {
            Cmd.run("ip", "netns", "del", stale);
        }
    }
}
