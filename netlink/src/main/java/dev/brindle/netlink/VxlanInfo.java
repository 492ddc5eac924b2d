package dev.brindle.netlink;

import java.net.InetAddress;
import java.util.Optional;

/** The VXLAN attributes of a link (IFLA_VXLAN_*): what the agent compares to decide whether to recreate it. */
public record VxlanInfo(int vni, int port, Optional<InetAddress> local, int parentIndex, boolean learning) {
    public VxlanInfo {
        if (vni < 0 || vni > 0xFF_FFFF) {
            throw new IllegalArgumentException("VXLAN VNI " + vni + " is out of range 0..16777215 (24 bits)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("VXLAN port " + port + " is out of range 0..65535");
        }
        if (parentIndex < 0) {
            throw new IllegalArgumentException("VXLAN parent index " + parentIndex + " is negative");
        }
    }
}
