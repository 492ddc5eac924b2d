package dev.brindle.ipam;

import java.net.InetAddress;

/**
 * Whether the workload an allocation was made for still exists: in file mode the node's record of live attachments
 * (its workload endpoints), in Kubernetes the pod on this node. Answers only for workload allocations; GC never asks
 * about tunnel addresses or allocations without workload attributes, which it keeps (calico-facts.md §2.8).
 */
@FunctionalInterface
public interface Liveness {
    boolean isLive(AllocationAttributes holder, InetAddress address);
}
