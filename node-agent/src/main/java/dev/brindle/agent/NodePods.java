package dev.brindle.agent;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The pods the Kubernetes API server has bound to this node (a list with {@code fieldSelector=spec.nodeName=<node>}).
 * A narrow seam so that {@link PodLiveness} can be unit-tested with a fake.
 */
@FunctionalInterface
public interface NodePods {
    /** Every pod on the node now; throws when the API server cannot answer. */
    List<Pod> list();

    /** One pod: where it is, its phase ({@code Pending}, {@code Running}, ...; "" when unknown) and its IPs. */
    record Pod(String namespace, String name, String phase, List<InetAddress> ips) {
        public Pod {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            phase = phase == null ? "" : phase;
            ips = List.copyOf(ips);
        }

        /** A pod that has finished for good: its containers will not run again, nor hold an address. */
        public boolean terminated() {
            return phase.equals("Succeeded") || phase.equals("Failed");
        }
    }
}
