package dev.brindle.datastore.resource;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.brindle.core.IpPrefix;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Cluster BGP settings (calico-facts §5.5), name {@code default} (or {@code node.<name>} per node). Calico's field
 * names; zero or absent values mean Calico's defaults: AS 64512, mesh on, port 179, severity Info.
 */
public record BGPConfiguration(Metadata metadata, Spec spec) implements Resource {
    public static final String DEFAULT_NAME = "default";
    private static final Set<String> SEVERITIES = Set.of("Debug", "Info", "Warning", "Error", "Fatal");

    public BGPConfiguration {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    public static BGPConfiguration defaults() {
        return new BGPConfiguration(Metadata.named(DEFAULT_NAME), new Spec(0, null, null, 0, null));
    }

    @Override
    public Kind<BGPConfiguration> kind() {
        return Kind.BGP_CONFIGURATION;
    }

    @Override
    public BGPConfiguration withMetadata(Metadata m) {
        return new BGPConfiguration(m, spec);
    }

    public record Spec(
            @Min(0) @Max(4294967295.0) long asNumber,
            Boolean nodeToNodeMeshEnabled,
            String logSeverityScreen,
            @Min(0) @Max(65535) int listenPort,

            @JsonSerialize(contentUsing = ToStringSerializer.class)
            List<IpPrefix> serviceClusterIPs) {
        public Spec {
            asNumber = asNumber == 0 ? 64512 : asNumber;
            nodeToNodeMeshEnabled = nodeToNodeMeshEnabled == null || nodeToNodeMeshEnabled;
            logSeverityScreen = logSeverityScreen == null ? "Info" : logSeverityScreen;
            listenPort = listenPort == 0 ? 179 : listenPort;
            serviceClusterIPs = serviceClusterIPs == null ? List.of() : List.copyOf(serviceClusterIPs);
            Errors errors = new Errors("BGPConfiguration spec");
            errors.check(
                    asNumber < 1 || asNumber > 4294967295L,
                    "spec.asNumber",
                    "must be between 1 and 4294967295, got " + asNumber);
            errors.check(listenPort < 1 || listenPort > 65535, "spec.listenPort", "must be 1-65535, got " + listenPort);
            errors.check(
                    !SEVERITIES.contains(logSeverityScreen),
                    "spec.logSeverityScreen",
                    "must be one of " + SEVERITIES + ", got " + logSeverityScreen);
            errors.throwIfAny();
        }
    }
}
