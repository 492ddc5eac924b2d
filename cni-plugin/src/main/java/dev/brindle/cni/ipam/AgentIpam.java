package dev.brindle.cni.ipam;

import dev.brindle.cni.config.NetConf;
import dev.brindle.cni.json.JsonValues;
import dev.brindle.cni.spec.CniEnv;
import dev.brindle.cni.spec.CniError;
import dev.brindle.cni.spec.Result;
import dev.brindle.core.AddressWithPrefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * brindle's own IPAM (ipam.type {@code brindle-ipam}) served by the node agent over its socket. The CNI plugin uses
 * it in-process, so an ADD costs one JVM, not two; the {@code brindle-ipam} binary wraps the same class.
 */
public final class AgentIpam implements Ipam {
    static final long TIMEOUT_MILLIS = 90_000;

    private final Function<NetConf, AgentChannel> channels;

    /** Over the netconf's {@code agent_socket}: the plugin in its own process. */
    public AgentIpam() {
        this(conf -> new AgentClient(Path.of(conf.agentSocket()), TIMEOUT_MILLIS));
    }

    /** Over {@code channels}: the agent running the plugin itself hands in its own IPAM service. */
    public AgentIpam(Function<NetConf, AgentChannel> channels) {
        this.channels = channels;
    }

    @Override
    public Lease add(NetConf conf, CniEnv env) {
        Map<String, Object> req = request("assign", conf, env);
        req.put("node", nodeName(conf));
        req.put("containerId", env.requiredContainerId());
        req.put("ifname", env.ifName().orElse(""));
        req.put("namespace", env.args().get("K8S_POD_NAMESPACE").orElse(""));
        req.put("pod", env.args().get("K8S_POD_NAME").orElse(""));
        req.put("ipv4", 1L);
        req.put("ipv6", 0L);
        if (!conf.requestedIps().isEmpty()) {
            req.put("ips", List.copyOf(conf.requestedIps()));
        }
        Map<String, Object> answer = client(conf).call(req);
        List<Result.IpConfig> ips = new ArrayList<>();
        for (AddressWithPrefix a : addresses(answer, "ips")) {
            ips.add(new Result.IpConfig(a, Optional.empty(), Optional.empty()));
        }
        if (ips.isEmpty()) {
            throw new CniError(
                    CniError.INTERNAL, "the brindle node agent assigned no address for " + req.get("handle"));
        }
        long mtu = JsonValues.integer(answer, "mtu").orElse(0L);
        return new Lease(new Result(List.of(), ips, List.of(), Map.of()), (int) mtu);
    }

    @Override
    public void del(NetConf conf, CniEnv env) {
        client(conf).call(request("release", conf, env));
    }

    @Override
    public void check(NetConf conf, CniEnv env) {
        Set<String> held = addresses(client(conf).call(request("check", conf, env)), "ips").stream()
                .map(a -> a.address().getHostAddress())
                .collect(Collectors.toSet());
        String handle = conf.handle(env.requiredContainerId());
        if (held.isEmpty()) {
            throw new CniError(CniError.INTERNAL, "IPAM handle " + handle + " holds no address");
        }
        for (Result.IpConfig ip : conf.prevResult().map(Result::ips).orElse(List.of())) {
            if (!held.contains(ip.address().address().getHostAddress())) {
                throw new CniError(
                        CniError.INTERNAL,
                        "address " + ip.address() + " of prevResult is no longer held by" + " IPAM handle " + handle
                                + " (it holds " + held + ")");
            }
        }
    }

    @Override
    public void gc(NetConf conf, CniEnv env) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("op", "gc");
        req.put("network", conf.name());
        req.put(
                "validHandles",
                conf.validAttachments().stream()
                        .map(a -> (Object) conf.handle(a.containerId()))
                        .toList());
        client(conf).call(req);
    }

    @Override
    public void status(NetConf conf, CniEnv env) {
        Map<String, Object> answer;
        try {
            answer = client(conf).call(Map.of("op", "status"));
        } catch (CniError e) {
            throw new CniError(CniError.NOT_AVAILABLE, e.msg(), e.details());
        }
        if (!Boolean.TRUE.equals(answer.get("ready"))) {
            throw new CniError(
                    CniError.NOT_AVAILABLE,
                    "the brindle node agent at " + conf.agentSocket() + " is not ready: "
                            + JsonValues.string(answer, "reason").orElse("no reason given"));
        }
    }

    /**
     * The pod MTU the node agent computed (CONTRACT.md: netconf {@code mtu} 0 means "ask the agent"), or 0 when no
     * agent answers: then the plugin falls back to 1500, as Calico does without {@code /var/lib/calico/mtu}.
     */
    public static int agentMtu(NetConf conf) {
        if (!Files.exists(Path.of(conf.agentSocket()))) {
            return 0;
        }
        try {
            return JsonValues.integer(
                            new AgentClient(Path.of(conf.agentSocket()), 2_000).call(Map.of("op", "status")), "mtu")
                    .orElse(0L)
                    .intValue();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Map<String, Object> request(String op, NetConf conf, CniEnv env) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("op", op);
        req.put("handle", conf.handle(env.requiredContainerId()));
        return req;
    }

    private AgentChannel client(NetConf conf) {
        return channels.apply(conf);
    }

    private static List<AddressWithPrefix> addresses(Map<String, Object> answer, String key) {
        List<AddressWithPrefix> out = new ArrayList<>();
        try {
            for (Map<String, Object> ip : JsonValues.objects(answer, key)) {
                out.add(AddressWithPrefix.parse(JsonValues.string(ip, "address").orElse("")));
            }
        } catch (RuntimeException e) {
            throw new CniError(
                    CniError.DECODE_FAILURE, "the brindle node agent answered malformed ips: " + e.getMessage());
        }
        return out;
    }

    /** The node this pod runs on: the netconf's {@code nodename}, else the kernel's host name (no DNS lookup). */
    static String nodeName(NetConf conf) {
        return conf.nodename().orElseGet(() -> {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException e) {
                throw new CniError(
                        CniError.IO_FAILURE, "cannot read the host name; set \"nodename\" in the netconf", e);
            }
        });
    }
}
