package dev.brindle.bgp.session;

/** Opens outgoing TCP connections for a peer (RFC 4271 §8.1.2 "initiate a TCP connection"). */
@FunctionalInterface
public interface Dialer {
    /**
     * Starts connecting; exactly one of {@link PeerFsm#connectionUp} or {@link PeerFsm#connectFailed} follows on
     * the event loop.
     */
    void dial(PeerFsm peer);
}
