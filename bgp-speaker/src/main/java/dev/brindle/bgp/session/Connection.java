package dev.brindle.bgp.session;

import dev.brindle.bgp.rib.RouteUpdate;
import dev.brindle.core.IpFamily;
import java.net.InetAddress;

/**
 * One TCP connection to a peer, as the FSM and the RIB drive it. The Netty transport implements it over the codec;
 * unit tests implement it with a recorder. Every call happens on the speaker's event loop.
 */
public interface Connection {
    /** True when we opened the TCP connection (we sent the SYN); used for collision resolution (RFC 4271 §6.8). */
    boolean locallyInitiated();

    /** Our end's address: the next hop we put on routes sent over this connection. */
    InetAddress localAddress();

    void sendOpen(OpenParameters open);

    void sendKeepalive();

    /** Sends the NOTIFICATION, then closes the connection once it is written (RFC 4271 §6.1). */
    void sendNotification(NotificationReason reason);

    void sendUpdate(RouteUpdate update);

    /** Sends a ROUTE-REFRESH of {@code kind} for {@code family} (RFC 2918, RFC 7313). */
    void sendRouteRefresh(IpFamily family, RouteRefresh kind);

    /** Writes out everything queued by the send methods. */
    void flush();

    /** Closes without a NOTIFICATION. */
    void close();
}
