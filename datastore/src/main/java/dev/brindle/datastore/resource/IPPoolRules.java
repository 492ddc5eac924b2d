package dev.brindle.datastore.resource;

import dev.brindle.core.IpPrefix;
import java.util.Collection;

/** The IPPool rules that need other objects: no overlap with another pool, and immutable cidr and blockSize. */
public final class IPPoolRules {
    private IPPoolRules() {}

    /**
     * Checks a new pool against the pools and blocks already stored: no overlap with another pool, and blocks left
     * inside its range by an earlier pool must have its block size (they will be reused as they are).
     */
    public static void checkCreate(IPPool pool, Collection<IPPool> existing, Collection<IPAMBlock> blocks) {
        Errors errors = new Errors("IPPool " + pool.name());
        for (IPAMBlock block : blocks) {
            IpPrefix cidr = block.spec().cidr();
            if (pool.spec().cidr().overlaps(cidr)
                    && cidr.length() != pool.spec().blockSize()) {
                errors.add(
                        "spec.blockSize",
                        "must match the existing block " + cidr + " inside the pool (" + cidr.length() + "), got "
                                + pool.spec().blockSize());
                break;
            }
        }
        for (IPPool other : existing) {
            if (!other.name().equals(pool.name())
                    && other.spec().cidr().overlaps(pool.spec().cidr())) {
                errors.add(
                        "spec.cidr",
                        "must not overlap another pool: IPPool(" + pool.name() + ") CIDR overlaps with IPPool("
                                + other.name() + ") CIDR " + other.spec().cidr());
            }
        }
        errors.throwIfAny();
    }

    /** Checks an edit: cidr and blockSize never change (blocks already carved would no longer fit). */
    public static void checkUpdate(IPPool old, IPPool updated) {
        Errors errors = new Errors("IPPool " + updated.name());
        errors.check(
                !old.spec().cidr().equals(updated.spec().cidr()),
                "spec.cidr",
                "is immutable (was " + old.spec().cidr() + ", got "
                        + updated.spec().cidr() + "); create a new pool and disable this one instead");
        errors.check(
                old.spec().blockSize() != updated.spec().blockSize(),
                "spec.blockSize",
                "is immutable (was " + old.spec().blockSize() + ", got "
                        + updated.spec().blockSize() + ")");
        errors.throwIfAny();
    }
}
