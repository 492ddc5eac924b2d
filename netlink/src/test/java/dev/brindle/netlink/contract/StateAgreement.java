package dev.brindle.netlink.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.IpFamily;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.LinkKind;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.NeighbourState;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.RouteFilter;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** The implementation's view of a namespace must equal the observer's, object for object. */
final class StateAgreement {
    private StateAgreement() {}

    private static List<Neighbour> permanent(List<Neighbour> all) {
        return all.stream().filter(n -> n.state() == NeighbourState.PERMANENT).toList();
    }

    /**
     * The kernel finishes some work on its own time (IPv6 addresses after carrier comes up, via linkwatch), so the
     * two views are compared until they agree at one moment, for a few seconds at most.
     */
    static void check(Netlink nl, Observer seen) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> checkOnce(nl, seen));
    }

    private static void checkOnce(Netlink nl, Observer seen) {
        assertThat(nl.listLinks()).as("links").containsExactlyInAnyOrderElementsOf(seen.links());
        for (IpFamily family : IpFamily.values()) {
            assertThat(nl.listAddresses(0, family))
                    .as("addresses " + family)
                    .containsExactlyInAnyOrderElementsOf(seen.addresses(family));
            assertThat(nl.listRoutes(RouteFilter.all().family(family)))
                    .as("routes " + family)
                    .containsExactlyInAnyOrderElementsOf(
                            seen.routes(RouteFilter.all().family(family)));
            // Only permanent entries: the kernel's own (DAD, router solicitation) change state on their own.
            assertThat(permanent(nl.listNeighbours(0, family)))
                    .as("permanent neighbours " + family)
                    .containsExactlyInAnyOrderElementsOf(permanent(seen.neighbours(family)));
        }
        for (Link link : nl.listLinks()) {
            if (link.kind() == LinkKind.VXLAN) {
                assertThat(nl.listFdb(link.index()))
                        .as("fdb of " + link.name())
                        .containsExactlyInAnyOrderElementsOf(seen.fdb(link.index()));
            }
        }
    }
}
