package dev.brindle.ctl;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Retry;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.DatastoreIpamStore;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code delete ippool NAME} in Calico's order (calico-facts.md §3, "Delete semantics"): disable the pool so no new
 * address comes from it, wait for in-flight allocations, release every node's affinity to its blocks, delete it.
 * Addresses still in use stay with their pods.
 */
@Command(
        name = "delete",
        description = "Delete an IP pool (disable it, release its block affinities, delete it).",
        footer = {"", "Example:", "  brindlectl delete ippool old-pool"})
final class DeleteCommand implements Callable<Integer> {
    /** Calico sleeps this long between disabling and releasing, to let allocations in flight finish. */
    static final long SETTLE_MILLIS = 500;

    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "ippool")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
        if (!java.util.List.of("ippool", "ippools", "pool", "ipp").contains(kind.toLowerCase(Locale.ROOT))) {
            throw new ParameterException(spec.commandLine(), "delete supports ippool, got '" + kind + "'");
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
