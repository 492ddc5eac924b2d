package dev.brindle.netlink;

import java.nio.charset.StandardCharsets;

/** The kernel's rules for interface names (net/core/dev.c dev_valid_name), checked before a request is sent. */
public final class LinkNames {
    /** IFNAMSIZ is 16 including the terminating NUL. */
    public static final int MAX_BYTES = 15;

    private LinkNames() {}

    /** Returns {@code name} when the kernel would accept it; otherwise throws naming the rule it breaks. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("interface name '" + name + "' is " + bytes
                    + " bytes; Linux allows at most " + MAX_BYTES + " (IFNAMSIZ - 1)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("interface name '" + name + "' is reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || c == 0) {
                throw new IllegalArgumentException("interface name '" + name + "' contains '" + c
                        + "'; '/', ':', NUL and whitespace are not allowed");
            }
        }
        return name;
    }

    /** Checks an MTU against the range the kernel allows for any device (68 is the IPv4 minimum, RFC 791). */
    public static int checkMtu(int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("MTU " + mtu + " is out of range 68..65535");
        }
        return mtu;
    }
}
