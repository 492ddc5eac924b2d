package dev.brindle.bgp.session;

import java.time.Duration;

/** A session that reached Established: the connection to send on and what both OPENs negotiated. */
public record EstablishedSession(Connection connection, OpenParameters local, OpenParameters peer, Duration hold) {

    /** RFC 2918: the peer may be sent ROUTE-REFRESH only if it announced the capability. */
    public boolean peerSupportsRouteRefresh() {
        return peer.routeRefresh();
    }
}
