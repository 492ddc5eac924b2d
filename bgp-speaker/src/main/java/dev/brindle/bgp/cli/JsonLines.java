package dev.brindle.bgp.cli;

import dev.brindle.bgp.speaker.BestRouteEvent;
import dev.brindle.bgp.speaker.PeerStatus;
import dev.brindle.core.IpAddresses;
import java.io.PrintStream;

/** The launcher's stdout: one JSON object per line per best-route change and per session state change. */
final class JsonLines {
    private final PrintStream out;
    private final java.util.Map<java.net.InetAddress, PeerStatus> lastStatus =
            new java.util.concurrent.ConcurrentHashMap<>();

    JsonLines(PrintStream out) {
        this.out = out;
    }

    void route(BestRouteEvent e) {
        print("{\"event\":\"" + (e.kind() == BestRouteEvent.Kind.ADD ? "add" : "withdraw") + "\",\"prefix\":\""
                + e.prefix() + "\",\"nexthop\":\"" + IpAddresses.format(e.nextHop()) + "\",\"peer\":\""
                + IpAddresses.format(e.peer()) + "\"}");
    }

    /** The speaker's status events: a session line only when the state changed (not for an End-of-RIB). */
    void statusChanged(PeerStatus s) {
        PeerStatus before = lastStatus.put(s.address(), s);
        if (before == null || before.state() != s.state()) {
            session(s);
        }
    }

    void session(PeerStatus s) {
        print("{\"event\":\"session\",\"peer\":\"" + IpAddresses.format(s.address()) + "\",\"as\":" + s.asNumber()
                + ",\"state\":\"" + s.state().displayName() + "\",\"since\":\"" + s.since() + "\",\"error\":"
                + quote(s.lastError()) + ",\"received\":" + s.prefixesReceived() + ",\"advertised\":"
                + s.prefixesAdvertised() + "}");
    }

    void ready(String listen) {
        print("{\"event\":\"ready\",\"listen\":" + quote(listen) + "}");
    }

    void info(String event, String key, long value) {
        print("{\"event\":" + quote(event) + ",\"" + key + "\":" + value + "}");
    }

    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
