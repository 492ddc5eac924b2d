package dev.brindle.agent.dataplane;

/** Where remote routes of no-encap and IPIP pools come from; VXLAN routes always come from the datastore. */
public enum RouteSource {
    /** From the BGP speaker's best routes, as in Calico with BIRD: a peer's withdrawal removes its routes. */
    BGP,
    /** From block affinities in the datastore alone: for tests and clusters without BGP. */
    DATASTORE
}
