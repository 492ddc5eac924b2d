package dev.brindle.bgp;

import dev.brindle.bgp.cli.BgpCommand;
import picocli.CommandLine;

/** Entry point of {@code bin/brindle-bgp}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BgpCommand(System.out));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("brindle-bgp: " + e.getMessage());
            return 2;
        });
        int rc = cli.execute(args);
        System.exit(rc);
    }
}
