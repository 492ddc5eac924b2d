package dev.brindle.ctl;

import dev.brindle.core.IpAddresses;
import dev.brindle.datastore.Datastore;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.DatastoreIpamStore;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ipam show|check|release}. */
@Command(
        name = "ipam",
        description = "Inspect and repair IP address management.",
        subcommands = {IpamCommand.Show.class, IpamCommand.Check.class, IpamCommand.Release.class})
final class IpamCommand {
    @ParentCommand
    Main root;

    @Command(
            name = "show",
            description = "Addresses in use and free per pool (and per block).",
            footer = {"", "Examples:", "  brindlectl ipam show", "  brindlectl ipam show --show-blocks"})
    static final class Show implements Callable<Integer> {
        @ParentCommand
        IpamCommand ipam;

        @Spec
        CommandSpec spec;

        @Option(names = "--show-blocks", description = "Also one row per block.")
        boolean showBlocks;

        @Override
        public Integer call() {
            try (Datastore ds = ipam.root.open()) {
                IpamUsage.print(
                        new DatastoreIpamStore(ds),
                        showBlocks,
                        spec.commandLine().getOut());
            }
            return Main.OK;
        }
    }

    @Command(
            name = "check",
            description = "Report leaked addresses, orphaned handles and blocks of missing nodes; exit 3 when any.",
            footer = {"", "Example:", "  brindlectl ipam check --show-problem-ips || echo \"IPAM needs attention\""})
    static final class Check implements Callable<Integer> {
        @ParentCommand
        IpamCommand ipam;

        @Spec
        CommandSpec spec;

        @Option(names = "--show-problem-ips", description = "Print every problem address.")
        boolean showProblemIps;

        @Override
        public Integer call() {
            try (Datastore ds = ipam.root.open()) {
                int problems = new IpamChecker(ds, spec.commandLine().getOut(), showProblemIps).run();
                return problems == 0 ? Main.OK : Main.PROBLEMS;
            }
        }
    }

    @Command(
            name = "release",
            description = "Free one allocated address.",
            footer = {"", "Example:", "  brindlectl ipam release --ip 10.244.1.5"})
    static final class Release implements Callable<Integer> {
        @ParentCommand
        IpamCommand ipam;

        @Spec
        CommandSpec spec;

        @Option(names = "--ip", required = true, description = "The address to free.")
        String ip;

        @Override
        public Integer call() {
            var address = IpAddresses.parse(ip);
            try (Datastore ds = ipam.root.open()) {
                var handle = new Allocator(new DatastoreIpamStore(ds), Clock.systemUTC()).releaseAddress(address, null);
                if (handle.isEmpty()) {
                    spec.commandLine().getErr().println("error: " + ip + " is not assigned");
                    return Main.ERROR;
                }
                spec.commandLine()
                        .getOut()
                        .println("Successfully released IP " + ip + " (handle " + handle.get() + ")");
                spec.commandLine().getOut().flush();
                return Main.OK;
            }
        }
    }
}
