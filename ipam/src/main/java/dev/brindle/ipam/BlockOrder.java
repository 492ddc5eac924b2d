package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The order in which a node probes a pool's blocks when it needs a new one (Calico's {@code randomBlockGenerator},
 * calico-facts.md §2.3 step 5): a random first block, then every block after it, wrapping around. The seed is the
 * FNV-32 hash of the node name, so one node always probes in the same order and different nodes start in different
 * places, which keeps concurrent claims by different nodes from colliding.
 */
final class BlockOrder implements Iterable<IpPrefix> {
    private final Pool pool;
    private final long start;

    BlockOrder(Pool pool, String node) {
        this.pool = pool;
        long count = pool.blockCount();
        this.start = count <= 1 ? 0 : new SplittableRandom(fnv32(node)).nextLong(count);
    }

    static int fnv32(String text) {
        int hash = 0x811c9dc5;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash *= 0x01000193;
            hash ^= b & 0xff;
        }
        return hash;
    }

    @Override
    public Iterator<IpPrefix> iterator() {
        long count = pool.blockCount();
        return new Iterator<>() {
            private long visited;

            @Override
            public boolean hasNext() {
                return visited < count;
            }

            @Override
            public IpPrefix next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pool.block((start + visited++) % count);
            }
        };
    }
}
