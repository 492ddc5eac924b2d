package dev.brindle.netlink;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code /proc/sys/net} tree of a fake namespace: a few global entries and the per-interface {@code conf}
 * entries brindle touches, which appear and disappear with their interface. Unknown paths fail with ENOENT and
 * non-numeric values with EINVAL, as the kernel's integer handlers do.
 */
final class FakeSysctls {
    private static final Pattern NUMBERS = Pattern.compile("-?\\d+(\\s+-?\\d+)*");
    private static final List<String> V4_CONF =
            List.of("forwarding", "rp_filter", "proxy_arp", "route_localnet", "accept_local");
    private static final List<String> V6_CONF = List.of("forwarding", "accept_ra", "proxy_ndp", "disable_ipv6");

    private final Map<String, String> values = new TreeMap<>();

    FakeSysctls() {
        values.put("net/ipv4/ip_forward", "0");
        addInterface("all");
        addInterface("default");
        values.put("net/ipv6/conf/all/forwarding", "0");
    }

    void addInterface(String name) {
        V4_CONF.forEach(k -> values.putIfAbsent("net/ipv4/conf/" + name + "/" + k, defaultFor(k)));
        V6_CONF.forEach(k -> values.putIfAbsent("net/ipv6/conf/" + name + "/" + k, defaultFor(k)));
    }

    void removeInterface(String name) {
        values.keySet()
                .removeIf(k ->
                        k.startsWith("net/ipv4/conf/" + name + "/") || k.startsWith("net/ipv6/conf/" + name + "/"));
    }

    String get(String path) {
        String value = values.get(Sysctl.checkPath(path));
        if (value == null) {
            throw new NetlinkException("read sysctl", path, Errno.ENOENT);
        }
        return value;
    }

    void set(String path, String value) {
        if (!values.containsKey(Sysctl.checkPath(path))) {
            throw new NetlinkException("write sysctl", path, Errno.ENOENT);
        }
        String v = value.strip();
        if (!NUMBERS.matcher(v).matches()) {
            throw new NetlinkException("write sysctl", path + "=" + value, Errno.EINVAL);
        }
        values.put(path, v);
        if (path.equals("net/ipv4/ip_forward")) {
            values.put("net/ipv4/conf/all/forwarding", v);
        }
    }

    private static String defaultFor(String key) {
        return key.equals("accept_ra") ? "1" : "0";
    }
}
