package dev.brindle.agent.dataplane;

/** The forms of route brindle programs (CONTRACT.md "Node agent"); each is also a metrics label. */
public enum RouteKind {
    /** {@code blackhole <local block> proto brindle}: unallocated addresses of our blocks are dropped. */
    BLACKHOLE("blackhole"),
    /** {@code <block> via <node IP> dev <underlay> proto brindle}. */
    NO_ENCAP("noencap"),
    /** {@code <block> via <node IP> dev tunl0 proto brindle onlink}. */
    IPIP("ipip"),
    /** {@code <block> via <remote VTEP IP> dev vxlan.brindle proto brindle onlink}. */
    VXLAN("vxlan");

    private final String label;

    RouteKind(String label) {
        this.label = label;
    }

    /** The lower-case name used in logs and metric labels. */
    public String label() {
        return label;
    }
}
