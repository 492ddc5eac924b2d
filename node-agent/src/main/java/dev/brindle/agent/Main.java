package dev.brindle.agent;

import picocli.CommandLine;

/** {@code brindle-node}: exit 0 after a clean shutdown, 1 when it could not start, 2 on a bad command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        AgentOptions options = new AgentOptions();
        CommandLine cli = new CommandLine(options);
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
        System.exit(NodeAgent.runUntilSignalled(options));
    }
}
