package dev.brindle.cni.hosted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process may wire pods: enter their network namespaces (CAP_SYS_ADMIN, from {@code /proc/self/status}
 * "CapEff", proc(5)) and write the interface sysctls under {@code /proc/sys} (read-only in an unprivileged container).
 */
public final class Capabilities {
    /** capability.h: CAP_SYS_ADMIN, which setns(2) into a network namespace requires. */
    private static final int CAP_SYS_ADMIN = 21;

    private Capabilities() {}

    public static boolean canWirePods() {
        return hasEffective(CAP_SYS_ADMIN) && Files.isWritable(Path.of("/proc/sys/net/ipv4/conf/all/forwarding"));
    }

    static boolean hasEffective(int capability) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long mask = Long.parseUnsignedLong(
                            line.substring("CapEff:".length()).strip(), 16);
                    return (mask & (1L << capability)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
