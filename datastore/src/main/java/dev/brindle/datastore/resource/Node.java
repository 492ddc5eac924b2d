package dev.brindle.datastore.resource;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.core.MacAddress;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A node as brindle knows it (Calico's Node, calico-facts §5.5): its underlay addresses with prefix length, its BGP
 * AS (null: the cluster's), tunnel addresses, VTEP MAC, route-reflector cluster ID, and the attachments (containers
 * with an address) the node's agent knows to be alive, which the file-mode GC compares with the blocks. Labels are
 * the node's labels, which pool and peer selectors match.
 */
public record Node(Metadata metadata, Spec spec) implements Resource {
    public Node {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    public static Node of(String name, AddressWithPrefix ipv4Address) {
        return new Node(Metadata.named(name), new Spec(ipv4Address, null, null, null, null, null, null, null));
    }

    @Override
    public Kind<Node> kind() {
        return Kind.NODE;
    }

    @Override
    public Node withMetadata(Metadata m) {
        return new Node(m, spec);
    }

    public Node withSpec(Spec s) {
        return new Node(metadata, s);
    }

    /** A container on this node holding addresses under {@code handleID}. */
    public record Attachment(String handleID, String containerID, String interfaceName, String namespace, String pod) {
        public Attachment {
            Objects.requireNonNull(handleID, "attachment handleID");
        }
    }

    public record Spec(
            @JsonSerialize(using = ToStringSerializer.class) AddressWithPrefix ipv4Address,
            @JsonSerialize(using = ToStringSerializer.class) AddressWithPrefix ipv6Address,
            Long asNumber,
            @SchemaFrom(type = String.class) InetAddress ipv4IPIPTunnelAddr,
            @SchemaFrom(type = String.class) InetAddress ipv4VXLANTunnelAddr,
            @JsonSerialize(using = ToStringSerializer.class) MacAddress vxlanTunnelMACAddr,
            String routeReflectorClusterID,
            List<Attachment> attachments) {
        public Spec {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
            Errors errors = new Errors("Node spec");
            errors.check(
                    ipv4Address != null && ipv4Address.family() != IpFamily.V4,
                    "spec.ipv4Address",
                    "must be an IPv4 address with prefix length, got " + ipv4Address);
            errors.check(
                    ipv6Address != null && ipv6Address.family() != IpFamily.V6,
                    "spec.ipv6Address",
                    "must be an IPv6 address with prefix length, got " + ipv6Address);
            errors.check(
                    asNumber != null && (asNumber < 1 || asNumber > 4294967295L),
                    "spec.asNumber",
                    "must be between 1 and 4294967295, got " + asNumber);
            checkV4(errors, "spec.ipv4IPIPTunnelAddr", ipv4IPIPTunnelAddr);
            checkV4(errors, "spec.ipv4VXLANTunnelAddr", ipv4VXLANTunnelAddr);
            if (routeReflectorClusterID != null) {
                try {
                    checkV4(
                            errors,
                            "spec.routeReflectorClusterID",
                            IpPrefix.parse(routeReflectorClusterID).network());
                } catch (IllegalArgumentException e) {
                    errors.add(
                            "spec.routeReflectorClusterID",
                            "must be an IPv4 dotted quad, got " + routeReflectorClusterID);
                }
            }
            errors.throwIfAny();
        }

        private static void checkV4(Errors errors, String field, InetAddress address) {
            errors.check(
                    address != null && IpFamily.of(address) != IpFamily.V4,
                    field,
                    "must be an IPv4 address, got " + address);
        }

        public Spec withIpipTunnelAddr(InetAddress a) {
            return new Spec(
                    ipv4Address,
                    ipv6Address,
                    asNumber,
                    a,
                    ipv4VXLANTunnelAddr,
                    vxlanTunnelMACAddr,
                    routeReflectorClusterID,
                    attachments);
        }

        public Spec withVxlanTunnel(InetAddress a, MacAddress mac) {
            return new Spec(
                    ipv4Address,
                    ipv6Address,
                    asNumber,
                    ipv4IPIPTunnelAddr,
                    a,
                    mac,
                    routeReflectorClusterID,
                    attachments);
        }

        /** Without the attachment of {@code handle}; this same spec when it has none (nothing to write). */
        public Spec withoutAttachment(String handle) {
            List<Attachment> kept = attachments.stream()
                    .filter(a -> !a.handleID().equals(handle))
                    .toList();
            return kept.size() == attachments.size() ? this : withAttachments(kept);
        }

        public Spec withAttachments(List<Attachment> list) {
            return new Spec(
                    ipv4Address,
                    ipv6Address,
                    asNumber,
                    ipv4IPIPTunnelAddr,
                    ipv4VXLANTunnelAddr,
                    vxlanTunnelMACAddr,
                    routeReflectorClusterID,
                    list);
        }
    }
}
