package dev.brindle.datastore.resource;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.brindle.core.IpAddresses;
import dev.brindle.datastore.selector.Selector;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An explicit BGP peer (calico-facts §5.5): for one {@code node}, for the nodes a {@code nodeSelector} matches, or for
 * every node when both are absent; the remote side is {@code peerIP} ({@code ip}, {@code ip:port}, {@code [v6]:port})
 * with {@code asNumber}, or the brindle nodes a {@code peerSelector} matches (route reflectors).
 */
public record BGPPeer(Metadata metadata, Spec spec) implements Resource {
    public static final int DEFAULT_PORT = 179;

    public BGPPeer {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public Kind<BGPPeer> kind() {
        return Kind.BGP_PEER;
    }

    @Override
    public BGPPeer withMetadata(Metadata m) {
        return new BGPPeer(m, spec);
    }

    /** The session password: a Secret key (Kubernetes) or, in file mode, the value inline. */
    public record Password(SecretKeyRef secretKeyRef, String value) {
        public Password {
            if ((secretKeyRef == null) == (value == null)) {
                throw new ValidationException(
                        "BGPPeer spec",
                        java.util.List.of(
                                new FieldError("spec.password", "must have exactly one of secretKeyRef and value")));
            }
        }
    }

    public record SecretKeyRef(String name, String key) {}

    /** The peer address and port parsed out of {@code peerIP}. */
    public record Endpoint(InetAddress address, int port) {}

    public record Spec(
            String node,
            @JsonSerialize(using = ToStringSerializer.class) Selector nodeSelector,
            String peerIP,
            long asNumber,
            Password password,
            @JsonSerialize(using = ToStringSerializer.class) Selector peerSelector) {
        public Spec {
            Errors errors = new Errors("BGPPeer spec");
            errors.check(
                    node != null && nodeSelector != null,
                    "spec.nodeSelector",
                    "must not be set together with spec.node");
            errors.check(
                    (peerIP == null) == (peerSelector == null),
                    "spec.peerIP",
                    "exactly one of spec.peerIP and spec.peerSelector must be set");
            if (peerIP != null) {
                try {
                    parseEndpoint(peerIP);
                } catch (IllegalArgumentException e) {
                    errors.add("spec.peerIP", "must be ip, ip:port or [ipv6]:port, got '" + peerIP + "'");
                }
                errors.check(
                        asNumber < 1 || asNumber > 4294967295L,
                        "spec.asNumber",
                        "must be between 1 and 4294967295, got " + asNumber);
            }
            errors.throwIfAny();
        }

        /** The remote address and port; only for peers given by {@code peerIP}. */
        public Endpoint endpoint() {
            return parseEndpoint(peerIP);
        }

        /** True when this peering applies to the node with this name and labels. */
        public boolean appliesTo(String nodeName, java.util.Map<String, String> labels) {
            if (node != null) {
                return node.equals(nodeName);
            }
            return nodeSelector == null || nodeSelector.matches(labels);
        }

        private static Endpoint parseEndpoint(String text) {
            if (text.startsWith("[")) {
                int close = text.indexOf("]:");
                if (close < 0) {
                    throw new IllegalArgumentException(text);
                }
                return new Endpoint(IpAddresses.parse(text.substring(1, close)), port(text.substring(close + 2)));
            }
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) < 0) {
                return new Endpoint(IpAddresses.parse(text.substring(0, colon)), port(text.substring(colon + 1)));
            }
            return new Endpoint(IpAddresses.parse(text), DEFAULT_PORT);
        }

        private static int port(String s) {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port " + p);
            }
            return p;
        }
    }
}
