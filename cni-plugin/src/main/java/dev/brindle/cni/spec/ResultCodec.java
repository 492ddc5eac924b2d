package dev.brindle.cni.spec;

import dev.brindle.cni.json.JsonException;
import dev.brindle.cni.json.JsonValues;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads results of 0.3.0–1.1.0 and prints them in the requested version (SPEC.md "Result", and the conversions in
 * libcni's pkg/types/040 and 100): 0.3.x/0.4.0 carry {@code ips[].version} ("4"/"6") and know neither the interface
 * {@code mtu}/{@code socketPath}/{@code pciID} nor the route fields added in 1.1.0; 1.0.0 drops {@code version}.
 */
public final class ResultCodec {
    private static final List<String> ROUTE_EXTRAS_1_1 = List.of("mtu", "advmss", "priority", "table", "scope");
    private static final List<String> IFACE_EXTRAS_1_1 = List.of("socketPath", "pciID");

    private ResultCodec() {}

    /** Parses a result object; a malformed one is a decode failure (code 6) naming the field. */
    public static Result parse(Map<String, Object> json) {
        try {
            List<Result.Iface> ifaces = new ArrayList<>();
            for (Map<String, Object> i : JsonValues.objects(json, "interfaces")) {
                Map<String, Object> extra = new LinkedHashMap<>();
                for (String key : IFACE_EXTRAS_1_1) {
                    JsonValues.string(i, key).ifPresent(v -> extra.put(key, v));
                }
                ifaces.add(new Result.Iface(
                        JsonValues.string(i, "name").orElse(""),
                        JsonValues.string(i, "mac").filter(s -> !s.isEmpty()),
                        JsonValues.integer(i, "mtu").filter(m -> m > 0).map(Long::intValue),
                        JsonValues.string(i, "sandbox").filter(s -> !s.isEmpty()),
                        extra));
            }
            List<Result.IpConfig> ips = new ArrayList<>();
            for (Map<String, Object> ip : JsonValues.objects(json, "ips")) {
                ips.add(new Result.IpConfig(
                        AddressWithPrefix.parse(JsonValues.string(ip, "address")
                                .orElseThrow(() -> new JsonException("ips[] entry without \"address\""))),
                        gateway(ip, "gateway"),
                        JsonValues.integer(ip, "interface").map(Long::intValue)));
            }
            List<Result.Route> routes = new ArrayList<>();
            for (Map<String, Object> r : JsonValues.objects(json, "routes")) {
                Map<String, Object> extra = new LinkedHashMap<>();
                for (String key : r.keySet()) {
                    if (ROUTE_EXTRAS_1_1.contains(key)) {
                        JsonValues.integer(r, key).ifPresent(v -> extra.put(key, v));
                    }
                }
                routes.add(new Result.Route(
                        AddressWithPrefix.parse(JsonValues.string(r, "dst")
                                .orElseThrow(() -> new JsonException("routes[] entry without \"dst\""))),
                        gateway(r, "gw"),
                        extra));
            }
            Map<String, Object> dns = JsonValues.object(json, "dns").orElse(Map.of());
            return new Result(ifaces, ips, routes, dns);
        } catch (JsonException | IllegalArgumentException e) {
            throw new CniError(CniError.DECODE_FAILURE, "cannot decode the CNI result: " + e.getMessage());
        }
    }

    private static Optional<InetAddress> gateway(Map<String, Object> object, String key) {
        return JsonValues.string(object, key).filter(s -> !s.isEmpty()).map(IpAddresses::parse);
    }

    /** The result object in {@code version}. */
    public static Map<String, Object> toJson(Result result, CniVersion version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cniVersion", version.text());
        if (!result.interfaces().isEmpty()) {
            List<Object> ifaces = new ArrayList<>();
            for (Result.Iface i : result.interfaces()) {
                ifaces.add(iface(i, version));
            }
            out.put("interfaces", ifaces);
        }
        List<Object> ips = new ArrayList<>();
        for (Result.IpConfig ip : result.ips()) {
            Map<String, Object> o = new LinkedHashMap<>();
            if (!version.isOneDotX()) {
                o.put("version", ip.address().family() == dev.brindle.core.IpFamily.V4 ? "4" : "6");
            }
            ip.interfaceIndex().ifPresent(i -> o.put("interface", (long) i));
            o.put("address", ip.address().toString());
            ip.gateway().ifPresent(g -> o.put("gateway", IpAddresses.format(g)));
            ips.add(o);
        }
        out.put("ips", ips);
        if (!result.routes().isEmpty()) {
            List<Object> routes = new ArrayList<>();
            for (Result.Route r : result.routes()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("dst", r.dst().toString());
                r.gw().ifPresent(g -> o.put("gw", IpAddresses.format(g)));
                if (version.hasStatusAndGc()) {
                    o.putAll(r.extra());
                }
                routes.add(o);
            }
            out.put("routes", routes);
        }
        if (!result.dns().isEmpty()) {
            out.put("dns", result.dns());
        }
        return out;
    }

    private static Map<String, Object> iface(Result.Iface i, CniVersion version) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", i.name());
        i.mac().ifPresent(m -> o.put("mac", m));
        if (version.hasStatusAndGc()) {
            i.mtu().ifPresent(m -> o.put("mtu", (long) m));
        }
        i.sandbox().ifPresent(s -> o.put("sandbox", s));
        if (version.hasStatusAndGc()) {
            o.putAll(i.extra());
        }
        return o;
    }
}
