package dev.brindle.agent.routing;

import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.bgp.speaker.SpeakerConfig;
import dev.brindle.datastore.resource.BGPConfiguration;
import dev.brindle.datastore.resource.BGPPeer;
import dev.brindle.datastore.resource.Node;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who this node peers with, as a pure function of the datastore (calico-facts §5; CONTRACT.md "BGP"): the AS (the
 * node's own, else BGPConfiguration {@code default}'s, else 64512), the listen port, the node-to-node full mesh unless
 * BGPConfiguration turns it off (every other node with an IPv4 address, passive or active by Calico's address rule),
 * and the BGPPeer resources that apply to this node — by {@code peerIP}, or by {@code peerSelector} to every matching
 * node. A node with a route-reflector cluster ID treats peer nodes without one as its clients.
 */
public record PeerPlan(long localAs, int port, Map<InetAddress, PeerConfig> peers) {
    public static final String GLOBAL_CONFIGURATION = "default";

    public PeerPlan {
        peers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peers));
    }

    public static PeerPlan compute(
            String me, List<Node> nodes, Optional<BGPConfiguration> global, List<BGPPeer> bgpPeers) {
        long clusterAs = global.map(g -> g.spec().asNumber()).orElse(SpeakerConfig.DEFAULT_AS);
        int port = global.map(g -> g.spec().listenPort()).orElse(PeerConfig.BGP_PORT);
        boolean mesh = global.map(g -> g.spec().nodeToNodeMeshEnabled()).orElse(true);
        Optional<Node> self = nodes.stream().filter(n -> n.name().equals(me)).findFirst();
        long localAs = self.map(n -> n.spec().asNumber()).filter(a -> a != null).orElse(clusterAs);
        Map<InetAddress, PeerConfig> peers = new LinkedHashMap<>();
        if (self.isEmpty() || self.get().spec().ipv4Address() == null) {
            return new PeerPlan(localAs, port, peers);
        }
        InetAddress myAddress = self.get().spec().ipv4Address().address();
        boolean reflector = self.get().spec().routeReflectorClusterID() != null;
        if (mesh) {
            for (Node n : nodes) {
                nodePeer(n, me, myAddress, clusterAs, port, reflector).ifPresent(p -> peers.put(p.address(), p));
            }
        }
        Map<String, String> labels = self.get().metadata().labels();
        for (BGPPeer peer : bgpPeers) {
            BGPPeer.Spec s = peer.spec();
            if (!s.appliesTo(me, labels)) {
                continue;
            }
            if (s.peerIP() != null) {
                BGPPeer.Endpoint e = s.endpoint();
                PeerConfig c = PeerConfig.of(e.address(), s.asNumber()).withPort(e.port());
                if (s.password() != null && s.password().value() != null) {
                    c = c.withMd5Key(s.password().value());
                }
                peers.put(e.address(), c);
            } else {
                for (Node n : nodes) {
                    if (s.peerSelector().matches(n.metadata().labels())) {
                        nodePeer(n, me, myAddress, clusterAs, port, reflector)
                                .ifPresent(p -> peers.put(p.address(), p));
                    }
                }
            }
        }
        peers.remove(myAddress);
        return new PeerPlan(localAs, port, peers);
    }

    private static Optional<PeerConfig> nodePeer(
            Node n, String me, InetAddress myAddress, long clusterAs, int port, boolean reflector) {
        if (n.name().equals(me) || n.spec().ipv4Address() == null) {
            return Optional.empty();
        }
        long as = n.spec().asNumber() != null ? n.spec().asNumber() : clusterAs;
        InetAddress address = n.spec().ipv4Address().address();
        PeerConfig c = PeerConfig.meshPeer(myAddress, address, as).withPort(port);
        return Optional.of(c.withReflectorClient(reflector && n.spec().routeReflectorClusterID() == null));
    }
}
