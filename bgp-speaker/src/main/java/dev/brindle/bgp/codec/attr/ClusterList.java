package dev.brindle.bgp.codec.attr;

import java.net.Inet4Address;
import java.util.List;

/** CLUSTER_LIST (RFC 4456 §8): the cluster IDs a reflected route passed through, most recent first. */
public record ClusterList(List<Inet4Address> clusterIds) implements PathAttribute {
    public ClusterList {
        clusterIds = List.copyOf(clusterIds);
    }

    @Override
    public int typeCode() {
        return CLUSTER_LIST;
    }
}
