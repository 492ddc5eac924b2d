package dev.brindle.agent.dataplane;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.MacAddress;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The {@code vxlan.brindle} device this node should have (CONTRACT.md; calico-facts §4.5): VNI 4096, UDP 4789,
 * learning off, the node's underlay address as local address and the underlay device as parent, this node's VTEP
 * address as a /32, its VTEP MAC, and MTU underlay − 50.
 */
public record VxlanDevice(InetAddress vtepAddress, MacAddress mac, int mtu, InetAddress local, String parent) {
    public static final String NAME = "vxlan.brindle";
    public static final int VNI = 4096;
    public static final int PORT = 4789;
    /** Outer IPv4 (20) + UDP (8) + VXLAN (8) + inner Ethernet (14). */
    public static final int OVERHEAD = 50;

    public VxlanDevice {
        Objects.requireNonNull(vtepAddress, "vtepAddress");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(parent, "parent");
        if (mtu < 68) {
            throw new IllegalArgumentException(NAME + ": MTU " + mtu + " is below IPv4's minimum 68; the underlay"
                    + " MTU must be at least " + (68 + OVERHEAD));
        }
    }

    @Override
    public String toString() {
        return NAME + " vni " + VNI + " dstport " + PORT + " local " + IpAddresses.format(local) + " dev " + parent
                + " mtu " + mtu + " address " + mac + " vtep " + IpAddresses.format(vtepAddress) + "/32";
    }
}
