package dev.brindle.netlink.rt;

import dev.brindle.netlink.NetlinkEvent;
import dev.brindle.netlink.codec.AddressMessages;
import dev.brindle.netlink.codec.LinkMessages;
import dev.brindle.netlink.codec.NeighbourMessages;
import dev.brindle.netlink.codec.Nl;
import dev.brindle.netlink.codec.RouteMessages;
import java.nio.ByteBuffer;

/** Turns one rtnetlink notification into an event; null for messages brindle does not report. */
final class Notifications {
    private Notifications() {}

    static NetlinkEvent decode(ByteBuffer rx, int at) {
        int type = rx.getShort(at + 4);
        return switch (type) {
            case Nl.RTM_NEWLINK, Nl.RTM_DELLINK ->
                new NetlinkEvent.LinkChanged(LinkMessages.decode(rx, at), type == Nl.RTM_DELLINK);
            case Nl.RTM_NEWADDR, Nl.RTM_DELADDR ->
                new NetlinkEvent.AddressChanged(AddressMessages.decode(rx, at), type == Nl.RTM_DELADDR);
            case Nl.RTM_NEWROUTE, Nl.RTM_DELROUTE ->
                RouteMessages.decode(rx, at)
                        .map(r -> new NetlinkEvent.RouteChanged(r, type == Nl.RTM_DELROUTE))
                        .orElse(null);
            case Nl.RTM_NEWNEIGH, Nl.RTM_DELNEIGH ->
                NeighbourMessages.family(rx, at) == Nl.AF_BRIDGE
                        ? null
                        : NeighbourMessages.decodeNeighbour(rx, at)
                                .map(n -> new NetlinkEvent.NeighbourChanged(n, type == Nl.RTM_DELNEIGH))
                                .orElse(null);
            default -> null;
        };
    }
}
