package dev.brindle.netlink.rt;

import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import dev.brindle.netlink.Netlink;
import dev.brindle.netlink.contract.ContractEnv;
import dev.brindle.netlink.contract.Observer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The contract environment over the real kernel: lab namespaces, {@link RtNetlink}, an {@code ip -j} observer. */
final class RtContractEnv implements ContractEnv {
    private final NamespaceSet set = NamespaceSet.create("nl");
    private final Map<Path, Namespace> byPath = new HashMap<>();
    private final Namespace test;
    private final RtNetlink netlink;

    RtContractEnv() {
        try {
            test = add("t");
            netlink = RtNetlink.open(test.path());
        } catch (RuntimeException | Error e) {
            set.close();
            throw e;
        }
    }

    private Namespace add(String name) {
        Namespace ns = set.add(name);
        // No duplicate address detection: IPv6 addresses are usable at once instead of changing state mid-test.
        ns.ok(
                "sh",
                "-c",
                "echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad; "
                        + "echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad");
        byPath.put(ns.path(), ns);
        return ns;
    }

    @Override
    public Netlink netlink() {
        return netlink;
    }

    @Override
    public Observer observer(Path namespace) {
        return new IpObserver(byPath.get(namespace));
    }

    @Override
    public Path path() {
        return test.path();
    }

    @Override
    public Path newNamespace(String name) {
        return add(name).path();
    }

    @Override
    public void close() {
        set.close();
    }
}
