package dev.brindle.netlink.rt;

import dev.brindle.core.IpFamily;
import dev.brindle.netlink.FdbEntry;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.codec.NeighbourMessages;
import dev.brindle.netlink.codec.Nl;
import java.util.List;

/** The RTM_*NEIGH requests of {@link RtNetlink}: ARP/NDP entries and the VXLAN bridge FDB. */
final class NeighbourOps {
    private final NetlinkChannel channel;

    NeighbourOps(NetlinkChannel channel) {
        this.channel = channel;
    }

    /** {@code flags} are NeighbourMessages.ADD/REPLACE/APPEND, or -1 to delete. */
    void write(String operation, int flags, Neighbour n) {
        String object = n.address().getHostAddress() + " on #" + n.linkIndex();
        channel.execute(operation, object, w -> NeighbourMessages.writeNeighbour(w, flags, n));
    }

    void writeFdb(String operation, int flags, FdbEntry entry) {
        String object = entry.mac() + " dst " + entry.destination().getHostAddress() + " on #" + entry.linkIndex();
        channel.execute(operation, object, w -> NeighbourMessages.writeFdb(w, flags, entry));
    }

    List<Neighbour> list(int linkIndex, IpFamily family) {
        return NetlinkChannel.filteredByDevice(
                linkIndex,
                () -> channel
                        .dump(
                                "list neighbours",
                                w -> NeighbourMessages.dump(w, family.af(), linkIndex),
                                (buf, at, type) ->
                                        type == Nl.RTM_NEWNEIGH && NeighbourMessages.family(buf, at) == family.af()
                                                ? NeighbourMessages.decodeNeighbour(buf, at)
                                                        .orElse(null)
                                                : null)
                        .stream()
                        .filter(n -> linkIndex == 0 || n.linkIndex() == linkIndex)
                        .toList());
    }

    List<FdbEntry> listFdb(int linkIndex) {
        return NetlinkChannel.filteredByDevice(
                linkIndex,
                () -> channel
                        .dump(
                                "list fdb",
                                w -> NeighbourMessages.dump(w, Nl.AF_BRIDGE, linkIndex),
                                (buf, at, type) -> type == Nl.RTM_NEWNEIGH
                                                && NeighbourMessages.family(buf, at) == Nl.AF_BRIDGE
                                        ? NeighbourMessages.decodeFdb(buf, at).orElse(null)
                                        : null)
                        .stream()
                        .filter(f -> f.linkIndex() == linkIndex)
                        .toList());
    }
}
