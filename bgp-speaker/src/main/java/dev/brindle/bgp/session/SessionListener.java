package dev.brindle.bgp.session;

/** What a {@link PeerFsm} tells the speaker. Called on the event loop. */
public interface SessionListener {
    void stateChanged(PeerFsm peer, SessionState from, SessionState to);

    void established(PeerFsm peer, EstablishedSession session);

    /** An Established session ended; {@code session} is the one that was passed to {@link #established}. */
    void down(PeerFsm peer, EstablishedSession session, DownCause cause);
}
