package dev.brindle.bgp.session;

import dev.brindle.core.IpFamily;
import java.time.Duration;
import java.util.Set;

/** A session that reached Established: the connection to send on and what both OPENs negotiated. */
public record EstablishedSession(Connection connection, OpenParameters local, OpenParameters peer, Duration hold) {

    /** The unicast families both sides announced: routes of other families are neither sent nor accepted. */
    public Set<IpFamily> families() {
        return local.commonFamilies(peer);
    }

    public boolean carries(IpFamily family) {
        return local.families().contains(family) && peer.families().contains(family);
    }

    /** RFC 7313: both sides announced enhanced route refresh. */
    public boolean enhancedRouteRefresh() {
        return local.enhancedRouteRefreshWith(peer);
    }
}
