package dev.brindle.ctl;

import dev.brindle.core.IpAddresses;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Retry;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import dev.brindle.ipam.AllocationAttributes;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.DatastoreIpamStore;
import dev.brindle.ipam.Versioned;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
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
            description = "Free one allocated address; once its handle holds no other address, drop that handle from"
                    + " the node's attachment record.",
            footer = {"", "Example:", "  brindlectl ipam release --ip 10.244.1.5"})
    static final class Release implements Callable<Integer> {
        @ParentCommand
        IpamCommand ipam;

        @Spec
        CommandSpec spec;

        @Option(names = "--ip", required = true, description = "The address to free.")
        String ip;

        /** Who held the address, at which allocation sequence number. */
        private record Held(AllocationAttributes holder, long sequence) {}

        @Override
        public Integer call() {
            InetAddress address = IpAddresses.parse(ip);
            try (Datastore ds = ipam.root.open()) {
                var store = new DatastoreIpamStore(ds);
                var allocator = new Allocator(store, Clock.systemUTC());
                Optional<Held> held = heldBy(store, allocator, address);
                if (held.isEmpty()) {
                    spec.commandLine().getErr().println("error: " + ip + " is not assigned");
                    return Main.ERROR;
                }
                // With the sequence number read above: an address re-assigned meanwhile is not freed from its new
                // holder, and the attachment dropped below is the one of the handle that really lost it.
                Optional<String> handle =
                        allocator.releaseAddress(address, held.get().sequence());
                if (handle.isEmpty()) {
                    spec.commandLine()
                            .getErr()
                            .println("error: " + ip + " changed while it was being released; run the command again");
                    return Main.ERROR;
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println("Successfully released IP " + ip + " (handle " + handle.get() + ")");
                String node = held.get().holder().node();
                if (allocator.addressesOf(handle.get()).isEmpty() && detach(ds, node, handle.get())) {
                    out.println("Removed attachment " + handle.get() + " from node " + node);
                }
                out.flush();
                return Main.OK;
            }
        }

        private static Optional<Held> heldBy(DatastoreIpamStore store, Allocator allocator, InetAddress address) {
            return allocator
                    .blockContaining(address)
                    .flatMap(store::block)
                    .map(Versioned::value)
                    .flatMap(b -> {
                        int ordinal = b.ordinalOf(address);
                        return b.holder(ordinal).map(h -> new Held(h, b.sequenceOf(ordinal)));
                    });
        }

        /**
         * Drops {@code handle} from the attachments of {@code node}'s record (Node.spec.attachments) by
         * compare-and-swap, re-read on conflict so that the agent's own edits meanwhile are kept. Without it the record
         * would list a container whose address is gone. False when there was nothing to drop.
         */
        private static boolean detach(Datastore ds, String node, String handle) {
            if (node.isEmpty()) {
                return false;
            }
            return Retry.onConflict(() -> {
                Optional<Node> current = ds.get(Kind.NODE, node);
                if (current.isEmpty()) {
                    return false;
                }
                Node n = current.get();
                Node.Spec kept = n.spec().withoutAttachment(handle);
                if (kept == n.spec()) {
                    return false;
                }
                ds.update(n.withSpec(kept));
                return true;
            });
        }
    }
}
