package dev.brindle.bgp.interop;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every interop test has: its own namespaces (removed after the test, also on failure), our speaker in one
 * of them, a real daemon in another, and a temp dir for their state. Processes are stopped by PID before the
 * namespaces go.
 */
abstract class InteropFixture {
    static final String US = "192.0.2.100";
    static final String OUR_BLOCK = "10.244.100.0/26";

    @TempDir
    Path dir;

    final Netns netns = new Netns();
    String dutNs;
    String peerNs;
    Speaker speaker;
    AutoCloseable peer;

    /** Two namespaces, ours at {@code us} and the peer's at {@code them}, joined by a veth. */
    void link(String us, String peerName, String them) {
        dutNs = netns.add("dut");
        peerNs = netns.add(peerName);
        Netns.link(dutNs, us, peerNs, them);
    }

    /** Starts our speaker in its namespace: router ID {@link #US}, one peer, our block announced. */
    void startSpeaker(String peerSpec) {
        speaker = Speaker.start(
                dutNs, dir.resolve("speaker.err"), "--router-id", US, "--peer", peerSpec, "--announce", OUR_BLOCK);
    }

    /** True when our side of the one established connection is port 179: the peer connected to us. */
    boolean peerConnectedToUs(String us) {
        String sockets = Shell.run("ip", "netns", "exec", dutNs, "ss", "-Htn", "state", "established");
        return sockets.matches("(?s).*" + us.replace(".", "\\.") + "\\]?:179 .*");
    }

    @AfterEach
    void teardown() throws Exception {
        try {
            if (speaker != null) {
                speaker.close();
            }
            if (peer != null) {
                peer.close();
            }
        } finally {
            netns.close();
        }
    }
}
