package dev.brindle.bgp.speaker;

/**
 * Receives a peer's status when its session state changes and when its End-of-RIB arrives (the state is then
 * unchanged; {@link PeerStatus#endOfRibReceived()} turned true). Called on the speaker's event loop: must not block.
 */
@FunctionalInterface
public interface PeerStatusListener {
    void onPeerStatus(PeerStatus status);
}
