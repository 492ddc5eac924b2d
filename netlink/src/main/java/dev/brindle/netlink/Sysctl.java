package dev.brindle.netlink;

/**
 * Network sysctls of one namespace, addressed by their path under {@code /proc/sys}, e.g.
 * {@code net/ipv4/conf/vxlan.brindle/rp_filter} (a path, because interface names may contain dots).
 */
public interface Sysctl {
    /** The value with surrounding whitespace removed. */
    String get(String path);

    void set(String path, String value);

    /** Checks that {@code path} is a relative path under {@code net/} without {@code ..}. */
    static String checkPath(String path) {
        if (path == null || !path.startsWith("net/") || path.contains("..") || path.contains("//")) {
            throw new IllegalArgumentException(
                    "sysctl path '" + path + "' must be relative to /proc/sys, start with net/ and not contain ..");
        }
        return path;
    }
}
