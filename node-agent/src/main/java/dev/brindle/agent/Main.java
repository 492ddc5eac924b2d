package dev.brindle.agent;

import picocli.CommandLine;

/** {@code brindle-node}: exit 0 after a clean shutdown, 1 when it could not start, 2 on a bad command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        AgentOptions options = new AgentOptions();
        var networkingFlags = new dev.brindle.agent.ops.NetworkingOptions();
        CommandLine cli = new CommandLine(options).addMixin("networking", networkingFlags);
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                System.exit(0);
            }
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            cli.usage(System.err);
            System.exit(2);
        }
        if (!options.logFormat.apply()) {
            System.err.println("brindle-node: --log-format " + options.logFormat
                    + " needs logback.xml's STDERR appender; logging as configured");
        }
        dev.brindle.agent.ops.Networking networking;
        try {
            networking = dev.brindle.agent.ops.Networking.start(
                    options.nodeName(), options.datastore, options.kubeconfig, options.ip, networkingFlags);
            Runtime.getRuntime().addShutdownHook(new Thread(networking::close, "networking-shutdown"));
        } catch (Exception e) {
            System.err.println("brindle-node could not start its networking: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(NodeAgent.runUntilSignalled(options, networking.bgpStatus()));
    }
}
