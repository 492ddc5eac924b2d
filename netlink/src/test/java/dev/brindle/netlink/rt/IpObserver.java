package dev.brindle.netlink.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.core.MacAddress;
import dev.brindle.lab.Namespace;
import dev.brindle.netlink.Address;
import dev.brindle.netlink.FdbEntry;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.LinkKind;
import dev.brindle.netlink.Neighbour;
import dev.brindle.netlink.NeighbourState;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteScope;
import dev.brindle.netlink.RouteType;
import dev.brindle.netlink.VxlanInfo;
import dev.brindle.netlink.contract.Observer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The independent observer for the real kernel: iproute2's JSON output ({@code ip -j}, {@code bridge -j}) inside
 * the namespace, turned into brindle's records. iproute2 hides defaults (proto boot, table main, scope global,
 * metric 0), which are filled back in here.
 */
final class IpObserver implements Observer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> PROTOCOLS =
            Map.of("redirect", 1, "kernel", 2, "boot", 3, "static", 4, "ra", 9, "zebra", 11, "bird", 12, "dhcp", 16);
    private static final Map<String, Integer> TABLES = Map.of("main", 254, "local", 255, "default", 253);

    private final Namespace ns;

    IpObserver(Namespace ns) {
        this.ns = ns;
    }

    private JsonNode json(String... argv) {
        try {
            String out = ns.ok(argv).strip();
            return JSON.readTree(out.isEmpty() ? "[]" : out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Integer> indexes() {
        Map<String, Integer> byName = new HashMap<>();
        json("ip", "-j", "link", "show")
                .forEach(l ->
                        byName.put(l.get("ifname").asText(), l.get("ifindex").asInt()));
        return byName;
    }

    @Override
    public List<Link> links() {
        JsonNode all = json("ip", "-j", "-d", "link", "show");
        Map<String, Integer> index = new HashMap<>();
        all.forEach(l -> index.put(l.get("ifname").asText(), l.get("ifindex").asInt()));
        List<Link> out = new ArrayList<>();
        for (JsonNode l : all) {
            String address = l.path("address").asText("");
            Optional<MacAddress> mac =
                    address.length() == 17 ? Optional.of(MacAddress.parse(address)) : Optional.empty();
            JsonNode info = l.path("linkinfo");
            LinkKind kind = LinkKind.ofKernelName(info.path("info_kind").asText(""));
            Optional<VxlanInfo> vxlan = Optional.empty();
            if (kind == LinkKind.VXLAN) {
                JsonNode d = info.path("info_data");
                vxlan = Optional.of(new VxlanInfo(
                        d.get("id").asInt(),
                        d.get("port").asInt(),
                        d.has("local")
                                ? Optional.of(IpAddresses.parse(d.get("local").asText()))
                                : Optional.empty(),
                        d.has("link") ? index.get(d.get("link").asText()) : 0,
                        d.get("learning").asBoolean()));
            }
            boolean up = false;
            for (JsonNode f : l.path("flags")) {
                up |= f.asText().equals("UP");
            }
            int master = l.has("master") ? index.get(l.get("master").asText()) : 0;
            out.add(new Link(
                    l.get("ifindex").asInt(),
                    l.get("ifname").asText(),
                    kind,
                    mac,
                    l.get("mtu").asInt(),
                    up,
                    master,
                    vxlan));
        }
        return out;
    }

    @Override
    public List<Address> addresses(IpFamily family) {
        List<Address> out = new ArrayList<>();
        String wanted = family == IpFamily.V4 ? "inet" : "inet6";
        for (JsonNode l : json("ip", "-j", "addr", "show")) {
            for (JsonNode a : l.path("addr_info")) {
                if (a.get("family").asText().equals(wanted)) {
                    var address = new AddressWithPrefix(
                            IpAddresses.parse(a.get("local").asText()),
                            a.get("prefixlen").asInt());
                    out.add(new Address(
                            l.get("ifindex").asInt(),
                            address,
                            scope(a.path("scope").asText("global"))));
                }
            }
        }
        return out;
    }

    private static RouteScope scope(String name) {
        return switch (name) {
            case "global", "universe" -> RouteScope.UNIVERSE;
            case "nowhere" -> RouteScope.NOWHERE;
            default -> RouteScope.valueOf(name.toUpperCase(Locale.ROOT));
        };
    }

    @Override
    public List<Route> routes(RouteFilter filter) {
        Map<String, Integer> index = indexes();
        List<Route> out = new ArrayList<>();
        for (IpFamily family : IpFamily.values()) {
            String flag = family == IpFamily.V4 ? "-4" : "-6";
            for (JsonNode r : json("ip", "-j", flag, "route", "show", "table", "all")) {
                out.add(route(r, family, index));
            }
        }
        return out.stream().filter(filter::matches).toList();
    }

    private static Route route(JsonNode r, IpFamily family, Map<String, Integer> index) {
        String dst = r.get("dst").asText();
        IpPrefix destination = dst.equals("default")
                ? new IpPrefix(IpAddresses.fromBytes(new byte[family.bytes()]), 0)
                : IpPrefix.parse(dst);
        boolean onlink = false;
        for (JsonNode f : r.path("flags")) {
            onlink |= f.asText().equals("onlink");
        }
        int mtu = 0;
        for (JsonNode m : r.path("metrics")) {
            mtu = m.path("mtu").asInt(mtu);
        }
        return new Route(
                destination,
                RouteType.valueOf(r.path("type").asText("unicast").toUpperCase(Locale.ROOT)),
                number(r.path("table").asText("main"), TABLES),
                number(r.path("protocol").asText("boot"), PROTOCOLS),
                scope(r.path("scope").asText("global")),
                r.has("gateway")
                        ? Optional.of(IpAddresses.parse(r.get("gateway").asText()))
                        : Optional.empty(),
                r.has("dev") ? index.get(r.get("dev").asText()) : 0,
                onlink,
                r.path("metric").asInt(0),
                mtu,
                r.has("prefsrc")
                        ? Optional.of(IpAddresses.parse(r.get("prefsrc").asText()))
                        : Optional.empty());
    }

    private static int number(String text, Map<String, Integer> names) {
        Integer named = names.get(text);
        return named != null ? named : Integer.parseInt(text);
    }

    @Override
    public List<Neighbour> neighbours(IpFamily family) {
        Map<String, Integer> index = indexes();
        List<Neighbour> out = new ArrayList<>();
        String flag = family == IpFamily.V4 ? "-4" : "-6";
        for (JsonNode n : json("ip", "-j", flag, "neigh", "show", "nud", "all")) {
            InetAddress dst = IpAddresses.parse(n.get("dst").asText());
            Optional<MacAddress> mac = n.has("lladdr")
                    ? Optional.of(MacAddress.parse(n.get("lladdr").asText()))
                    : Optional.empty();
            NeighbourState state =
                    NeighbourState.valueOf(n.path("state").path(0).asText("NONE"));
            out.add(new Neighbour(index.get(n.get("dev").asText()), dst, mac, state));
        }
        return out;
    }

    @Override
    public List<FdbEntry> fdb(int linkIndex) {
        String name = links().stream()
                .filter(l -> l.index() == linkIndex)
                .findFirst()
                .orElseThrow()
                .name();
        List<FdbEntry> out = new ArrayList<>();
        for (JsonNode e : json("bridge", "-j", "fdb", "show", "dev", name)) {
            if (e.has("dst")) {
                out.add(new FdbEntry(
                        linkIndex,
                        MacAddress.parse(e.get("mac").asText()),
                        IpAddresses.parse(e.get("dst").asText())));
            }
        }
        return out;
    }

    @Override
    public String sysctl(String path) {
        return ns.ok("cat", "/proc/sys/" + path).strip();
    }
}
