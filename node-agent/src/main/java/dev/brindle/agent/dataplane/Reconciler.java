package dev.brindle.agent.dataplane;

import dev.brindle.netlink.Link;
import dev.brindle.netlink.Netlink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Makes the kernel match a {@link DesiredState}: devices first (routes need them), then the VTEPs' neighbour and FDB
 * entries, then the routes, then the removal of a VXLAN device no longer wanted, then the NAT table. It reads the kernel each time (so it adopts what is there on start,
 * never flushing), touches only what brindle owns (protocol-98 routes, {@code vxlan.brindle}, tunl0's configuration,
 * table {@code ip brindle}), and carries on past a refusal so one bad object does not block the rest.
 */
public final class Reconciler {
    private final Netlink netlink;
    private final NatTable nat;
    private final DeviceReconciler devices;
    private final VtepReconciler vteps;
    private final RouteReconciler routes;
    private NatRules natApplied;

    public Reconciler(Netlink netlink, NatTable nat) {
        this.netlink = netlink;
        this.nat = nat;
        this.devices = new DeviceReconciler(netlink);
        this.vteps = new VtepReconciler(netlink);
        this.routes = new RouteReconciler(netlink);
    }

    /**
     * One pass. With {@code full} the NAT table is rewritten even when its rules did not change (periodic resync);
     * everything else is always compared with the kernel.
     */
    public ReconcileReport reconcile(DesiredState desired, boolean full) {
        return reconcile(desired, full, false);
    }

    /** As {@link #reconcile(DesiredState, boolean)}; with {@code keepStale} our undesired routes are not deleted. */
    public ReconcileReport reconcile(DesiredState desired, boolean full, boolean keepStale) {
        List<String> errors = new ArrayList<>();
        int other = 0;
        // A device that goes is removed after the routes (its own go with it): removing it first would leave the
        // blocks it served without any route until the new ones are written — lost packets on a mode switch.
        boolean vxlanGoes = desired.vxlan().isEmpty();
        if (!vxlanGoes) {
            other += step(() -> devices.vxlan(desired.vxlan()), "vxlan.brindle", errors);
        }
        other += step(() -> devices.tunl0(desired.tunl0()), "tunl0", errors);
        if (desired.vxlan().isPresent()) {
            other += step(
                    () -> {
                        Optional<Link> dev = netlink.findLink(VxlanDevice.NAME);
                        return dev.map(d -> vteps.reconcile(d.index(), desired.vteps(), errors::add))
                                .orElse(0);
                    },
                    "VTEP entries",
                    errors);
        }
        RouteReconciler.Result r = new RouteReconciler.Result(0, 0);
        try {
            r = routes.reconcile(desired.routes(), desired.held(), keepStale, errors::add);
        } catch (RuntimeException e) {
            errors.add("routes: " + e.getMessage());
        }
        if (vxlanGoes) {
            other += step(() -> devices.vxlan(desired.vxlan()), "vxlan.brindle", errors);
        }
        if (full || !desired.nat().equals(natApplied)) {
            other += step(
                    () -> {
                        nat.sync(desired.nat());
                        natApplied = desired.nat();
                        return 1;
                    },
                    "nftables table " + NftNatTable.TABLE,
                    errors);
        }
        return new ReconcileReport(r.changed(), r.deleted(), other, errors);
    }

    private static int step(IntSupplier action, String what, List<String> errors) {
        try {
            return action.getAsInt();
        } catch (RuntimeException e) {
            errors.add(what + ": " + e.getMessage());
            return 0;
        }
    }
}
