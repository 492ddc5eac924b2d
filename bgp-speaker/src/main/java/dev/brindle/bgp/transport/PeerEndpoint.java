package dev.brindle.bgp.transport;

import dev.brindle.bgp.codec.OpenValidator;
import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.bgp.session.PeerFsm;
import dev.brindle.bgp.session.RouteRefresh;
import dev.brindle.core.IpFamily;

/** What a connection's handler delivers to: the peer's FSM and its route processing. */
public interface PeerEndpoint {
    PeerFsm fsm();

    /** What the peer's OPEN must satisfy (RFC 4271 §6.2). */
    OpenValidator.Expectations openExpectations();

    /** An UPDATE's content for one family, arrived on the Established session. */
    void updateReceived(RouteUpdate update);

    /**
     * A ROUTE-REFRESH for a negotiated family: a request (RFC 2918 §4), or the Begin/End of the peer's enhanced
     * refresh (RFC 7313 §4).
     */
    void routeRefreshReceived(IpFamily family, RouteRefresh kind);
}
