package dev.brindle.ipam;

import dev.brindle.core.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Writes allocations into one block and keeps the handle index in step (calico-facts.md §2.3 step 7, §2.6): on
 * assign the handle is incremented <em>before</em> the block is written, and decremented again if the block's
 * compare-and-swap loses; on release the block is written first and the handle afterwards. Either way a crash between
 * the two writes leaves a handle that counts too much, never an address without a handle, and GC repairs the former.
 */
final class BlockWriter {
    private final IpamStore store;

    BlockWriter(IpamStore store) {
        this.store = store;
    }

    /**
     * Takes up to {@code count} addresses from the block when {@code usable} accepts it; returns the addresses taken
     * (possibly none).
     */
    List<InetAddress> assign(IpPrefix cidr, int count, AllocationAttributes holder, Predicate<Block> usable) {
        return Cas.retry("assigning from block " + cidr, () -> {
            Optional<Versioned<Block>> current = store.block(cidr);
            if (current.isEmpty() || !usable.test(current.get().value())) {
                return List.of();
            }
            Block.Assigned assigned = current.get().value().assign(count, holder);
            if (assigned.ordinals().isEmpty()) {
                return List.of();
            }
            write(current.get(), assigned, holder.handle());
            return assigned.addresses();
        });
    }

    /** Takes one specific address when it is free; false when someone holds it. */
    boolean assignAddress(IpPrefix cidr, InetAddress address, AllocationAttributes holder) {
        return Cas.retry("assigning " + address + " in block " + cidr, () -> {
            Optional<Versioned<Block>> current = store.block(cidr);
            if (current.isEmpty()) {
                return false;
            }
            Optional<Block.Assigned> assigned = current.get().value().assignAddress(address, holder);
            if (assigned.isEmpty()) {
                return false;
            }
            write(current.get(), assigned.get(), holder.handle());
            return true;
        });
    }

    private void write(Versioned<Block> current, Block.Assigned assigned, String handle) throws StoreConflictException {
        IpPrefix cidr = current.value().cidr();
        int n = assigned.ordinals().size();
        adjustHandle(handle, cidr, n);
        try {
            store.updateBlock(current, assigned.block());
        } catch (StoreConflictException e) {
            adjustHandle(handle, cidr, -n);
            throw e;
        }
    }

    /** Frees every address {@code handle} holds in the block and drops the block from the handle's index. */
    List<String> releaseHandle(IpPrefix cidr, String handle) {
        List<String> freed = Cas.retry("releasing " + handle + " in block " + cidr, () -> {
            Optional<Versioned<Block>> current = store.block(cidr);
            if (current.isEmpty()) {
                return List.<String>of();
            }
            Block.Released released = current.get().value().releaseHandle(handle);
            if (!released.ordinals().isEmpty()) {
                store.updateBlock(current.get(), released.block());
            }
            return released.addresses();
        });
        forgetBlock(handle, cidr);
        return freed;
    }

    /**
     * Frees one address if it is still held at {@code expectedSequence} (when given); returns the holder's handle when
     * it was freed.
     */
    Optional<String> releaseAddress(IpPrefix cidr, InetAddress address, Long expectedSequence) {
        Optional<String> handle = Cas.retry("releasing " + address, () -> {
            Optional<Versioned<Block>> current = store.block(cidr);
            if (current.isEmpty()) {
                return Optional.<String>empty();
            }
            Block block = current.get().value();
            int ordinal = block.ordinalOf(address);
            Optional<AllocationAttributes> holder = block.holder(ordinal);
            Map<Integer, Long> expected = expectedSequence == null ? Map.of() : Map.of(ordinal, expectedSequence);
            Block.Released released = block.release(List.of(ordinal), expected);
            if (released.ordinals().isEmpty()) {
                return Optional.<String>empty();
            }
            store.updateBlock(current.get(), released.block());
            return holder.map(AllocationAttributes::handle);
        });
        handle.ifPresent(h -> adjustHandle(h, cidr, -1));
        return handle;
    }

    void adjustHandle(String id, IpPrefix cidr, int delta) {
        Cas.retry("updating handle " + id, () -> {
            Optional<Versioned<Handle>> current = store.handle(id);
            if (current.isEmpty()) {
                if (delta > 0) {
                    store.createHandle(new Handle(id, Map.of(cidr, delta)));
                }
                return null;
            }
            Handle next = current.get().value().plus(cidr, delta);
            if (next.isEmpty()) {
                store.deleteHandle(current.get());
            } else {
                store.updateHandle(current.get(), next);
            }
            return null;
        });
    }

    void forgetBlock(String id, IpPrefix cidr) {
        Cas.retry("updating handle " + id, () -> {
            Optional<Versioned<Handle>> current = store.handle(id);
            if (current.isEmpty() || !current.get().value().blocks().containsKey(cidr)) {
                return null;
            }
            Handle next = current.get()
                    .value()
                    .plus(cidr, -current.get().value().blocks().get(cidr));
            if (next.isEmpty()) {
                store.deleteHandle(current.get());
            } else {
                store.updateHandle(current.get(), next);
            }
            return null;
        });
    }
}
