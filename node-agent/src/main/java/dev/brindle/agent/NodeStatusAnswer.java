package dev.brindle.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brindle.bgp.session.SessionState;
import dev.brindle.bgp.speaker.PeerStatus;
import dev.brindle.core.IpAddresses;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;

/**
 * The answer to {@code nodeStatus} (docs/agent-socket.md): one row per BGP peer in the words {@code calicoctl node
 * status} uses, which come from BIRD — state {@code up} for an Established session and {@code start} before it,
 * since as {@code HH:MM:SS} today or the date before, info {@code Established} or the FSM state with the last error.
 */
final class NodeStatusAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private NodeStatusAnswer() {}

    static ObjectNode of(String node, BgpStatusSource bgp, ZoneId zone, Instant now) {
        ObjectNode out =
                JSON.createObjectNode().put("ok", true).put("node", node).put("asNumber", bgp.localAs());
        ArrayNode peers = out.putArray("peers");
        bgp.peers().stream()
                .sorted(Comparator.comparing(p -> IpAddresses.format(p.address())))
                .forEach(p -> peers.addObject()
                        .put("address", IpAddresses.format(p.address()))
                        .put("type", bgp.peerType(p.address()))
                        .put("state", p.state() == SessionState.ESTABLISHED ? "up" : "start")
                        .put("since", since(p.since(), zone, now))
                        .put("info", info(p)));
        return out;
    }

    private static String since(Instant since, ZoneId zone, Instant now) {
        var then = since.atZone(zone);
        return then.toLocalDate().equals(LocalDate.ofInstant(now, zone))
                ? TIME.format(then)
                : then.toLocalDate().toString();
    }

    private static String info(PeerStatus p) {
        if (p.state() == SessionState.ESTABLISHED) {
            return "Established";
        }
        String state = switch (p.state()) {
            case IDLE -> "Idle";
            case CONNECT -> "Connect";
            case ACTIVE -> "Active";
            case OPEN_SENT -> "OpenSent";
            case OPEN_CONFIRM -> "OpenConfirm";
            case ESTABLISHED -> "Established";
        };
        return p.lastError() == null || p.lastError().isBlank() ? state : state + " " + p.lastError();
    }
}
