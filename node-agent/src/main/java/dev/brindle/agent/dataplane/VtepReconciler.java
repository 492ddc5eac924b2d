package dev.brindle.agent.dataplane;

import dev.brindle.core.IpFamily;
import dev.brindle.netlink.FdbEntry;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.NeighbourState;
import dev.brindle.netlink.Netlink;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The L2 state of {@code vxlan.brindle} (calico-facts §4.5): per remote VTEP a permanent neighbour (tunnel IP →
 * VTEP MAC) and a permanent FDB entry (VTEP MAC → node address). The device is ours, so every other permanent
 * neighbour and every other FDB entry on it is removed; entries the kernel resolved itself are left to age out.
 */
final class VtepReconciler {
    private final Netlink netlink;

    VtepReconciler(Netlink netlink) {
        this.netlink = netlink;
    }

    /** Returns the number of changes; refusals go to {@code errors} and the rest continues. */
    int reconcile(int vxlanIndex, List<VtepPeer> vteps, Consumer<String> errors) {
        Set<Neighbour> wantNeigh = new HashSet<>();
        Set<FdbEntry> wantFdb = new HashSet<>();
        for (VtepPeer p : vteps) {
            wantNeigh.add(Neighbour.permanent(vxlanIndex, p.tunnelAddress(), p.mac()));
            wantFdb.add(new FdbEntry(vxlanIndex, p.mac(), p.nodeAddress()));
        }
        int changes = 0;
        List<Neighbour> haveNeigh = netlink.listNeighbours(vxlanIndex, IpFamily.V4);
        for (Neighbour n : haveNeigh) {
            if (n.state() == NeighbourState.PERMANENT && !wantNeigh.contains(n)) {
                changes += attempt(() -> netlink.deleteNeighbour(n), "delete neighbour " + n, errors);
            }
        }
        for (Neighbour n : wantNeigh) {
            if (!haveNeigh.contains(n)) {
                changes += attempt(() -> netlink.replaceNeighbour(n), "set neighbour " + n, errors);
            }
        }
        List<FdbEntry> haveFdb = netlink.listFdb(vxlanIndex);
        for (FdbEntry f : haveFdb) {
            if (!wantFdb.contains(f)) {
                changes += attempt(() -> netlink.deleteFdb(f), "delete fdb " + f, errors);
            }
        }
        for (FdbEntry f : wantFdb) {
            if (!haveFdb.contains(f)) {
                changes += attempt(() -> netlink.replaceFdb(f), "set fdb " + f, errors);
            }
        }
        return changes;
    }

    private static int attempt(Runnable action, String what, Consumer<String> errors) {
        try {
            action.run();
            return 1;
        } catch (RuntimeException e) {
            errors.accept(what + ": " + e.getMessage());
            return 0;
        }
    }
}
