package dev.brindle.netlink.rt;

import dev.brindle.netlink.NetworkNamespace;
import dev.brindle.netlink.Sysctl;
import dev.brindle.netlink.jnr.ProcFile;
import java.nio.file.Path;
import java.util.Optional;

/** Sysctls read and written through /proc/sys, opened inside the namespace when there is one. */
record RtSysctl(Optional<NetworkNamespace> namespace) implements Sysctl {
    private static final Path ROOT = Path.of("/proc/sys");

    @Override
    public String get(String path) {
        Path file = ROOT.resolve(Sysctl.checkPath(path));
        return namespace
                .map(ns -> ns.call(() -> ProcFile.read(file)))
                .orElseGet(() -> ProcFile.read(file))
                .strip();
    }

    @Override
    public void set(String path, String value) {
        Path file = ROOT.resolve(Sysctl.checkPath(path));
        if (namespace.isPresent()) {
            namespace.get().run(() -> ProcFile.write(file, value));
        } else {
            ProcFile.write(file, value);
        }
    }
}
