package dev.brindle.netlink;

import dev.brindle.core.MacAddress;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Everything a set of {@link FakeNetlink} handles share: the namespaces, injected failures, one lock. */
final class FakeWorld {
    final Object lock = new Object();
    final Map<Path, FakeNamespace> namespaces = new HashMap<>();
    final Map<FakeNetlink.Op, Integer> failures = new EnumMap<>(FakeNetlink.Op.class);
    final boolean ipipLoaded;
    private final Random random = new Random(42);

    FakeWorld(boolean ipipLoaded) {
        this.ipipLoaded = ipipLoaded;
    }

    FakeNamespace namespace(Path path) {
        return namespaces.computeIfAbsent(path, p -> new FakeNamespace(this, p));
    }

    /** The namespace at {@code path}, as opening its file would find it; ENOENT when there is none. */
    FakeNamespace existing(String operation, Path path) {
        FakeNamespace ns = namespaces.get(path);
        if (ns == null) {
            throw new NetlinkException(operation, "namespace " + path, Errno.ENOENT);
        }
        return ns;
    }

    /** Consumes an injected failure for {@code op}, if any. */
    void checkInjected(FakeNetlink.Op op, String object) {
        Integer errno = failures.remove(op);
        if (errno != null) {
            throw new NetlinkException(op.description(), object, errno, "injected by FakeNetlink.failNext");
        }
    }

    /** A random locally administered unicast MAC, as the kernel's eth_random_addr. */
    MacAddress randomMac() {
        long v = random.nextLong() & 0xffff_ffff_ffffL;
        v = (v & ~(0x01L << 40)) | (0x02L << 40);
        return new MacAddress(v);
    }
}
