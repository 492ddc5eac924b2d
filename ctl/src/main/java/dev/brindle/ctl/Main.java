package dev.brindle.ctl;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code brindlectl}, the operator CLI. Exit codes scripts can rely on: {@value #OK} success, {@value #ERROR} an error
 * (unreachable datastore, refused resource, unknown object), {@value #USAGE} a bad command line, {@value #PROBLEMS}
 * {@code ipam check} found problems.
 */
@Command(
        name = "brindlectl",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        version = "brindlectl 0.1.0",
        description = "Operate brindle: resources, IPAM, and a lab cluster of namespaces on this machine.",
        subcommands = {
            GetCommand.class,
            ApplyCommand.class,
            DeleteCommand.class,
            IpamCommand.class,
            NodeCommand.class,
            dev.brindle.ctl.lab.LabCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 error, 2 usage, 3 'ipam check' found problems.",
            "--datastore and --kubeconfig may be given before or after the subcommand."
        })
public final class Main {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int PROBLEMS = 3;

    /** Where the local agent says which datastore it uses ({@code <run-dir>/datastore}). */
    static final Path AGENT_DATASTORE_FILE = Path.of("/var/run/brindle/datastore");

    @Option(
            names = "--datastore",
            scope = ScopeType.INHERIT,
            description = "file:<dir> or kubernetes (default: $BRINDLE_DATASTORE, else the local agent's, from"
                    + " /var/run/brindle/datastore, else file:/var/lib/brindle/store).")
    String datastore;

    @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, description = "kubeconfig for --datastore kubernetes.")
    Path kubeconfig;

    Datastore open() {
        return Datastores.open(datastoreSpec(), kubeconfig);
    }

    private String datastoreSpec() {
        if (datastore != null) {
            return datastore;
        }
        String env = System.getenv("BRINDLE_DATASTORE");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.nio.file.Files.readString(AGENT_DATASTORE_FILE).strip();
        } catch (java.io.IOException e) {
            return "file:/var/lib/brindle/store";
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with brindle's exit codes: errors print one line naming the cause, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ERROR;
        });
        return cli;
    }
}
