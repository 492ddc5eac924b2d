package dev.brindle.bgp.transport;

import dev.brindle.bgp.codec.OpenValidator;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.PeerFsm;

/** What a connection's handler delivers to: the peer's FSM and its route processing. */
public interface PeerEndpoint {
    PeerFsm fsm();

    /** What the peer's OPEN must satisfy (RFC 4271 §6.2). */
    OpenValidator.Expectations openExpectations();

    /** An UPDATE that arrived on the Established session. */
    void updateReceived(RouteUpdate update);

    /** A ROUTE-REFRESH request for IPv4 unicast (RFC 2918 §4). */
    void routeRefreshRequested();
}
