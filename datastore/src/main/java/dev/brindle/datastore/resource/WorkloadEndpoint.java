package dev.brindle.datastore.resource;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.brindle.core.IpPrefix;
import dev.brindle.core.MacAddress;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Objects;

/** A pod's interface as the CNI plugin set it up (Calico's WorkloadEndpoint, calico-facts §1.8). */
public record WorkloadEndpoint(Metadata metadata, Spec spec) implements Resource {
    public WorkloadEndpoint {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public Kind<WorkloadEndpoint> kind() {
        return Kind.WORKLOAD_ENDPOINT;
    }

    @Override
    public WorkloadEndpoint withMetadata(Metadata m) {
        return new WorkloadEndpoint(m, spec);
    }

    public record Spec(
            @Required String node,
            String namespace,
            String pod,
            String containerID,
            @Required String interfaceName,

            @JsonSerialize(contentUsing = ToStringSerializer.class)
            List<IpPrefix> ipNetworks,

            @JsonSerialize(using = ToStringSerializer.class) MacAddress mac) {
        public Spec {
            ipNetworks = ipNetworks == null ? List.of() : List.copyOf(ipNetworks);
            Errors errors = new Errors("WorkloadEndpoint spec");
            errors.check(node == null || node.isEmpty(), "spec.node", "is required");
            errors.check(interfaceName == null || interfaceName.isEmpty(), "spec.interfaceName", "is required");
            errors.throwIfAny();
        }
    }
}
