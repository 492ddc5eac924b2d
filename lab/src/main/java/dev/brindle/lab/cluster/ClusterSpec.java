package dev.brindle.lab.cluster;

import dev.brindle.core.IpPrefix;

/** What {@code lab up} builds. */
public record ClusterSpec(String name, int nodes, int podsPerNode, LabMode mode, IpPrefix pool) {
    public static final String DEFAULT_NAME = "brl";
    public static final IpPrefix DEFAULT_POOL = IpPrefix.parse("10.244.0.0/16");

    public ClusterSpec {
        LabDirs.checkName(name);
        if (nodes < 1 || nodes > 20) {
            throw new IllegalArgumentException("--nodes must be between 1 and 20, got " + nodes);
        }
        if (podsPerNode < 0 || podsPerNode > 50) {
            throw new IllegalArgumentException("--pods-per-node must be between 0 and 50, got " + podsPerNode);
        }
        if (mode.crossSubnet() && nodes < 2) {
            throw new IllegalArgumentException("--mode " + mode + " needs at least 2 nodes (one on each subnet)");
        }
        if (pool.length() > 26) {
            throw new IllegalArgumentException("--pool " + pool + " must hold at least one /26 block");
        }
    }
}
