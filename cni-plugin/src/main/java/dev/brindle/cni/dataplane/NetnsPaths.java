package dev.brindle.cni.dataplane;

import dev.brindle.cni.spec.CniError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells, without native code, whether {@code CNI_NETNS} names a network namespace: a {@code /proc/<pid>/ns/net}
 * magic link reads as {@code net:[inode]}; a pinned namespace ({@code /run/netns/x}, what {@code ip netns add},
 * containerd and podman make) is a bind mount of an nsfs inode, listed in {@code /proc/self/mountinfo}. Checked
 * before IPAM runs, so a bad path costs nothing to clean up.
 */
public final class NetnsPaths {
    private NetnsPaths() {}

    /** Returns normally for a network namespace; {@link Kernel.NetnsGoneException} or a code-8 error otherwise. */
    public static void check(String path) {
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            throw notNetns(path, "it is not an absolute path");
        }
        if (!Files.exists(p)) {
            throw new Kernel.NetnsGoneException(path);
        }
        try {
            if (Files.isSymbolicLink(p)) {
                String target = Files.readSymbolicLink(p).toString();
                if (target.startsWith("net:[")) {
                    return;
                }
                if (target.matches("[a-z_]+:\\[\\d+\\]")) {
                    throw notNetns(path, "it is a " + target.substring(0, target.indexOf(':')) + " namespace");
                }
            }
            String real = p.toRealPath().toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                // mount-id parent major:minor root mount-point options [optional...] - fstype source super-options
                String[] f = line.split(" ");
                int dash = line.indexOf(" - ");
                if (f.length > 4 && dash > 0 && unescape(f[4]).equals(real)) {
                    if (line.substring(dash + 3).startsWith("nsfs ") && f[3].startsWith("net:[")) {
                        return;
                    }
                    if (line.substring(dash + 3).startsWith("nsfs ")) {
                        throw notNetns(path, "it is a " + f[3] + " namespace, not a network one");
                    }
                }
            }
        } catch (IOException e) {
            throw new CniError(CniError.INVALID_NETNS, "cannot inspect CNI_NETNS " + path, e);
        }
        throw notNetns(path, "no network namespace is mounted there");
    }

    private static String unescape(String field) {
        return field.replace("\\040", " ")
                .replace("\\011", "\t")
                .replace("\\012", "\n")
                .replace("\\134", "\\");
    }

    private static CniError notNetns(String path, String why) {
        return new CniError(CniError.INVALID_NETNS, "CNI_NETNS " + path + " is not a network namespace: " + why);
    }
}
