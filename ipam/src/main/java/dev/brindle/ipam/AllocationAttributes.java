package dev.brindle.ipam;

import java.util.Map;
import java.util.Objects;

/**
 * Who holds an allocation: the handle (release key, {@code <network>.<containerID>} for pods, {@code
 * ipip-tunnel-addr-<node>} for tunnels) and free-form secondary attributes ({@code node}, {@code pod}, {@code
 * namespace}, {@code type}, {@code timestamp}), as Calico keeps in {@code IPAMBlock.spec.attributes}.
 */
public record AllocationAttributes(String handle, Map<String, String> secondary) {
    public static final String NODE = "node";
    public static final String POD = "pod";
    public static final String NAMESPACE = "namespace";
    public static final String CONTAINER_ID = "containerId";
    public static final String TYPE = "type";
    public static final String TIMESTAMP = "timestamp";

    public AllocationAttributes {
        Objects.requireNonNull(handle, "handle");
        if (handle.isBlank()) {
            throw new IllegalArgumentException("allocation handle must not be empty");
        }
        secondary = Map.copyOf(secondary);
    }

    /** The node that holds the allocation (the borrower for a borrowed address), or "" when not recorded. */
    public String node() {
        return secondary.getOrDefault(NODE, "");
    }
}
