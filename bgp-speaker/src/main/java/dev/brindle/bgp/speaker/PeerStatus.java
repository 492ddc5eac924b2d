package dev.brindle.bgp.speaker;

import dev.brindle.bgp.session.SessionState;
import java.net.InetAddress;
import java.time.Instant;

/**
 * One row of {@code brindlectl node status}: the peer, its session state, since when, and the last error.
 *
 * @param internal iBGP (same AS) rather than eBGP
 * @param prefixesReceived routes in its Adj-RIB-In (after import policy), stale ones included
 * @param endOfRibReceived the peer's End-of-RIB arrived on this session: its initial dump is complete (RFC 4724 §2)
 */
public record PeerStatus(
        InetAddress address,
        long asNumber,
        boolean internal,
        boolean passive,
        SessionState state,
        Instant since,
        String lastError,
        int prefixesReceived,
        int prefixesAdvertised,
        boolean endOfRibReceived) {}
