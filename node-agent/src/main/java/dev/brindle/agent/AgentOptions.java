package dev.brindle.agent;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The node agent's command line (CONTRACT.md "Node agent"). */
@Command(
        name = "brindle-node",
        mixinStandardHelpOptions = true,
        version = "brindle-node 0.1.0",
        description = "The brindle node agent: registers the node, serves IPAM to the node's CNI plugins over"
                + " <run-dir>/agent.sock, and garbage-collects the node's leaked addresses.",
        footer = {
            "",
            "Example:",
            "  brindle-node --node-name node1 --ip 192.168.1.10/24 --datastore file:/var/lib/brindle/store"
        })
public final class AgentOptions {
    @Option(names = "--node-name", description = "This node's name (default: the host name).")
    String nodeName;

    @Option(
            names = "--datastore",
            defaultValue = "file:/var/lib/brindle/store",
            description = "file:<dir> or kubernetes (default: ${DEFAULT-VALUE}).")
    String datastore;

    @Option(names = "--kubeconfig", description = "kubeconfig for --datastore kubernetes.")
    Path kubeconfig;

    @Option(
            names = "--ip",
            defaultValue = "first-found",
            description =
                    "The node's IPv4 address/prefix, or first-found, interface=<regex>, cidr=<cidr>, can-reach=<ip>"
                            + " (default: ${DEFAULT-VALUE}).")
    String ip;

    @Option(
            names = "--run-dir",
            defaultValue = "/var/run/brindle",
            description = "Holds agent.sock (default: ${DEFAULT-VALUE}).")
    Path runDir;

    @Option(names = "--state-dir", defaultValue = "/var/lib/brindle", description = "Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    @Option(names = "--as", description = "This node's BGP AS number (default: the cluster's, 64512).")
    Long asNumber;

    @Option(
            names = "--ipam-gc-interval",
            defaultValue = "PT1M",
            description = "How often to garbage-collect this node's IPAM state (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration gcInterval;

    @Option(
            names = "--ipam-leak-grace",
            defaultValue = "PT15M",
            description = "How long an allocation must look leaked, or a block empty, before GC releases it"
                    + " (default: ${DEFAULT-VALUE}, Calico's leakGracePeriod).")
    Duration leakGrace;

    @Option(
            names = "--log-format",
            defaultValue = "text",
            converter = LogFormatConverter.class,
            description = "text (one line per event) or json (one JSON object per line, logback's JsonEncoder)"
                    + " (default: ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    /** picocli's hook for {@link LogFormat#parse}. */
    static final class LogFormatConverter implements picocli.CommandLine.ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            return LogFormat.parse(value);
        }
    }

    String nodeName() throws java.net.UnknownHostException {
        return nodeName != null ? nodeName : java.net.InetAddress.getLocalHost().getHostName();
    }
}
