package dev.brindle.netlink.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.IpFamily;
import dev.brindle.netlink.FdbEntry;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.VxlanSpec;
import org.junit.jupiter.api.Test;

/** Permanent ARP/NDP entries and the VXLAN FDB (calico-facts.md §4.5). */
public abstract class NeighbourContract extends NetlinkContract {

    private Link vxlan() {
        Link parent = uplink();
        nl.createVxlan(VxlanSpec.of("vx0", 4096, 4789).withLocal(ip("10.0.0.1"), parent.index()));
        nl.setLinkUp("vx0", true);
        return nl.link("vx0");
    }

    @Test
    void permanentNeighboursAreAddedReplacedAndDeleted() {
        Link vx = vxlan();
        Neighbour n = Neighbour.permanent(vx.index(), ip("10.244.7.0"), mac("66:01:02:03:04:05"));
        Neighbour n6 = Neighbour.permanent(vx.index(), ip("fd00:7::1"), mac("66:01:02:03:04:06"));
        nl.addNeighbour(n);
        nl.addNeighbour(n6);
        assertThat(seen.neighbours(IpFamily.V4)).containsExactly(n);
        assertThat(seen.neighbours(IpFamily.V6)).contains(n6);
        assertThat(nl.listNeighbours(vx.index(), IpFamily.V4)).containsExactly(n);

        Neighbour moved = Neighbour.permanent(vx.index(), ip("10.244.7.0"), mac("66:0a:0b:0c:0d:0e"));
        nl.replaceNeighbour(moved);
        assertThat(seen.neighbours(IpFamily.V4)).containsExactly(moved);

        nl.deleteNeighbour(moved);
        assertThat(seen.neighbours(IpFamily.V4)).isEmpty();
    }

    @Test
    void neighbourErrors() {
        Link vx = vxlan();
        Neighbour n = Neighbour.permanent(vx.index(), ip("10.244.7.0"), mac("66:01:02:03:04:05"));
        nl.addNeighbour(n);
        assertErrno("EEXIST", () -> nl.addNeighbour(n));
        assertErrno(
                "ENOENT",
                () -> nl.deleteNeighbour(Neighbour.permanent(vx.index(), ip("10.244.9.9"), mac("66:01:02:03:04:05"))));
        assertErrno(
                "ENODEV", () -> nl.addNeighbour(Neighbour.permanent(999, ip("10.1.1.1"), mac("66:01:02:03:04:05"))));
    }

    @Test
    void fdbEntriesAreAddedAppendedReplacedAndDeleted() {
        Link vx = vxlan();
        FdbEntry peer = new FdbEntry(vx.index(), mac("66:01:02:03:04:05"), ip("10.0.0.2"));
        nl.addFdb(peer);
        assertThat(seen.fdb(vx.index())).containsExactly(peer);
        assertErrno("EEXIST", () -> nl.addFdb(peer));

        FdbEntry moved = new FdbEntry(vx.index(), mac("66:01:02:03:04:05"), ip("10.0.0.3"));
        nl.replaceFdb(moved);
        assertThat(seen.fdb(vx.index())).containsExactly(moved);

        FdbEntry flood1 = new FdbEntry(vx.index(), mac("00:00:00:00:00:00"), ip("10.0.0.4"));
        FdbEntry flood2 = new FdbEntry(vx.index(), mac("00:00:00:00:00:00"), ip("10.0.0.5"));
        nl.appendFdb(flood1);
        nl.appendFdb(flood2);
        assertThat(seen.fdb(vx.index())).containsExactlyInAnyOrder(moved, flood1, flood2);
        assertThat(nl.listFdb(vx.index())).containsExactlyInAnyOrder(moved, flood1, flood2);

        nl.deleteFdb(flood1);
        nl.deleteFdb(moved);
        assertThat(seen.fdb(vx.index())).containsExactly(flood2);
        assertErrno("ENOENT", () -> nl.deleteFdb(moved));
    }
}
