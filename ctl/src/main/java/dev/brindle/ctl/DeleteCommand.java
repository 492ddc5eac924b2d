package dev.brindle.ctl;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Retry;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.DatastoreIpamStore;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code delete ippool NAME} in Calico's order (calico-facts.md §3, "Delete semantics"): disable the pool so no new
 * address comes from it, wait for in-flight allocations, release every node's affinity to its blocks, delete it.
 * Addresses still in use stay with their pods. {@code delete node NAME}: see {@link NodeRemoval}; refused while the
 * node's agent still refreshes its record, unless {@code --force}.
 */
@Command(
        name = "delete",
        description = {
            "Delete an IP pool (disable it, release its block affinities, delete it), or a node (release its"
                    + " addresses and block affinities, delete its Node record; the other nodes then drop its routes"
                    + " and BGP session)."
        },
        footer = {
            "",
            "Examples:",
            "  brindlectl delete ippool old-pool",
            "  brindlectl delete node node3            # after its machine is gone",
            "  brindlectl delete node node3 --force    # even though its agent still looks alive"
        })
final class DeleteCommand implements Callable<Integer> {
    /** Calico sleeps this long between disabling and releasing, to let allocations in flight finish. */
    static final long SETTLE_MILLIS = 500;

    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "ippool or node")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Option(
            names = "--force",
            description = "delete node: go ahead although the node's brindle-node refreshed its record in the last"
                    + " 3 minutes (it would register again if it is still running).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        String k = kind.toLowerCase(Locale.ROOT);
        if (NodeRemoval.kindNames().contains(k)) {
            return deleteNode();
        }
        if (!java.util.List.of("ippool", "ippools", "pool", "ipp").contains(k)) {
            throw new ParameterException(spec.commandLine(), "delete supports ippool and node, got '" + kind + "'");
        }
        try (Datastore ds = root.open()) {
            Optional<IPPool> pool = ds.get(Kind.IPPOOL, name);
            if (pool.isEmpty()) {
                spec.commandLine().getErr().println("error: IPPool " + name + " not found in " + ds.describe());
                return Main.ERROR;
            }
            if (!pool.get().spec().disabled()) {
                disable(ds);
                Thread.sleep(SETTLE_MILLIS);
            }
            int released = new Allocator(new DatastoreIpamStore(ds), Clock.systemUTC())
                    .releasePoolAffinities(pool.get().spec().cidr());
            ds.delete(Kind.IPPOOL, name);
            spec.commandLine()
                    .getOut()
                    .println("IPPool " + name + " deleted (" + released + " block affinities released)");
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }

    private int deleteNode() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try (Datastore ds = root.open()) {
            NodeRemoval removal = new NodeRemoval(ds, Clock.systemUTC());
            Optional<Node> node = ds.get(Kind.NODE, name);
            if (node.isEmpty() && !removal.anythingOf(name)) {
                err.println("error: Node " + name + " not found in " + ds.describe());
                return Main.ERROR;
            }
            Optional<java.time.Duration> alive = node.flatMap(removal::liveAgent);
            if (alive.isPresent() && !force) {
                err.println("error: node " + name + " still looks alive: its brindle-node refreshed the Node record "
                        + alive.get().toSeconds() + " s ago (it does so every minute). Stop brindle-node on " + name
                        + " (or remove the machine) and wait 3 minutes, or pass --force to delete it anyway.");
                return Main.ERROR;
            }
            NodeRemoval.Report r = removal.remove(name);
            out.println((r.nodeDeleted() ? "Node " + name + " deleted" : "Node " + name + " was already gone")
                    + " (" + r.addresses() + " addresses, " + r.affinities() + " block affinities released; "
                    + r.peers() + " BGPPeers, " + r.endpoints() + " workload endpoints deleted)");
            out.flush();
            return Main.OK;
        }
    }

    private void disable(Datastore ds) {
        Retry.onConflict(() -> {
            IPPool p = ds.get(Kind.IPPOOL, name).orElseThrow();
            var s = p.spec();
            return ds.update(p.withSpec(new IPPool.Spec(
                    s.cidr(),
                    s.blockSize(),
                    s.ipipMode(),
                    s.vxlanMode(),
                    s.natOutgoing(),
                    true,
                    s.disableBGPExport(),
                    s.nodeSelector(),
                    s.allowedUses(),
                    s.assignmentMode())));
        });
    }
}
