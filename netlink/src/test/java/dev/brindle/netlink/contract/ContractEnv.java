package dev.brindle.netlink.contract;

import dev.brindle.netlink.Netlink;
import java.nio.file.Path;

/** One contract test's world: a fresh namespace with a handle and an observer, and a way to make more. */
public interface ContractEnv extends AutoCloseable {
    /** The handle on the test namespace. */
    Netlink netlink();

    /** An independent observer of the namespace at {@code path} ({@link #path()} for the test namespace). */
    Observer observer(Path namespace);

    /** The path of the test namespace. */
    Path path();

    /** Creates another empty namespace and returns its path. */
    Path newNamespace(String name);

    @Override
    void close();
}
