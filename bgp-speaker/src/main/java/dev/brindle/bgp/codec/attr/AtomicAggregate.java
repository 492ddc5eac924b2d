package dev.brindle.bgp.codec.attr;

/** ATOMIC_AGGREGATE (RFC 4271 §5.1.6): no value; marks a route that lost path detail to aggregation. */
public record AtomicAggregate() implements PathAttribute {
    @Override
    public int typeCode() {
        return ATOMIC_AGGREGATE;
    }
}
