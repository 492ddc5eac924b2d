package dev.brindle.bgp.speaker;

/** Receives session state changes; called on the speaker's event loop, so it must not block. */
@FunctionalInterface
public interface PeerStatusListener {
    void onPeerStatus(PeerStatus status);
}
