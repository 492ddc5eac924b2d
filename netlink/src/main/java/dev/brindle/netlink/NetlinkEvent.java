package dev.brindle.netlink;

/** A change notification from the kernel (rtnetlink multicast groups), or a signal that some were lost. */
public sealed interface NetlinkEvent {
    /** A link appeared or changed ({@code removed} false) or went away. */
    record LinkChanged(Link link, boolean removed) implements NetlinkEvent {}

    record AddressChanged(Address address, boolean removed) implements NetlinkEvent {}

    record RouteChanged(Route route, boolean removed) implements NetlinkEvent {}

    record NeighbourChanged(Neighbour neighbour, boolean removed) implements NetlinkEvent {}

    /**
     * The socket overflowed (ENOBUFS): notifications were dropped, so the listener must re-read the state it
     * cares about.
     */
    record ResyncNeeded(String reason) implements NetlinkEvent {}
}
