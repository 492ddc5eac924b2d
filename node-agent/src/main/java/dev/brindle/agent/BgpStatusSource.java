package dev.brindle.agent;

import dev.brindle.bgp.speaker.PeerStatus;
import java.net.InetAddress;
import java.util.List;

/** What {@code nodeStatus} on the agent socket reports about BGP: the sessions, their kind, the local AS. */
public interface BgpStatusSource {
    /** A node without BGP (networking off, or {@code --no-bgp}). */
    BgpStatusSource NONE = new BgpStatusSource() {
        @Override
        public List<PeerStatus> peers() {
            return List.of();
        }

        @Override
        public String peerType(InetAddress address) {
            return "global";
        }

        @Override
        public long localAs() {
            return 0;
        }
    };

    List<PeerStatus> peers();

    String peerType(InetAddress address);

    long localAs();
}
