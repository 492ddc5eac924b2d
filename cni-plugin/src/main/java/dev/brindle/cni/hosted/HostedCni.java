package dev.brindle.cni.hosted;

import dev.brindle.cni.BrindlePlugin;
import dev.brindle.cni.config.NetConf;
import dev.brindle.cni.dataplane.Kernel;
import dev.brindle.cni.ipam.AgentChannel;
import dev.brindle.cni.ipam.AgentIpam;
import dev.brindle.cni.ipam.ExecIpam;
import dev.brindle.cni.ipam.Ipam;
import dev.brindle.cni.spec.CniRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CNI plugin run inside the node agent for {@code brindle-shim} (docs/agent-socket.md, op {@code cni}): the
 * same {@link BrindlePlugin} and protocol runner the JVM binary runs, fed the shim's environment and stdin, with
 * {@code brindle-ipam} answered by the agent's own IPAM service instead of a socket round trip.
 *
 * <p>It runs a call only where the answer cannot differ from the JVM plugin's: the shim must be in the agent's
 * network namespace (the veth's host end is created in the caller's namespace), {@code CNI_NETNS} must name the
 * same file for both (a containerised agent may not share the runtime's mounts or PID namespace), and the agent
 * must be allowed to enter namespaces. Otherwise it declines and the shim runs the JVM plugin.
 */
public final class HostedCni {
    private static final Logger LOG = LoggerFactory.getLogger(HostedCni.class);

    private final Supplier<Kernel> kernels;
    private final AgentChannel ipam;
    private final IntSupplier podMtu;
    private final String ownNetns;
    private final boolean canWirePods;

    /**
     * @param kernels a fresh kernel handle per call, closed after it (calls run concurrently)
     * @param ipam the agent's IPAM service
     * @param podMtu the pod MTU the agent computed, 0 when unknown
     * @param ownNetns the agent's network namespace as {@link NetnsIdentity} names it
     * @param canWirePods whether this process may enter namespaces and write sysctls ({@link Capabilities#canWirePods})
     */
    public HostedCni(
            Supplier<Kernel> kernels, AgentChannel ipam, IntSupplier podMtu, String ownNetns, boolean canWirePods) {
        this.kernels = kernels;
        this.ipam = ipam;
        this.podMtu = podMtu;
        this.ownNetns = ownNetns;
        this.canWirePods = canWirePods;
    }

    /** The answer to one {@code cni} request: the call's exit code, stdout and stderr, or a refusal to run it here. */
    public Map<String, Object> answer(Map<String, Object> request) {
        if (!(request.get("env") instanceof Map<?, ?> rawEnv) || !(request.get("stdin") instanceof String stdin)) {
            return decline("the request needs \"env\" (an object) and \"stdin\" (a string)");
        }
        if (!ownNetns.equals(request.get("netns"))) {
            return decline("the caller is in network namespace " + request.get("netns") + ", the agent in " + ownNetns);
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : rawEnv.entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
                return decline("\"env\" must map names to strings");
            }
            env.put(k, v);
        }
        // The same file, not only the same name: a containerised agent may see another /proc/<pid> or lack the
        // runtime's /var/run/netns mount. Both sides missing it is consistent (a DEL after the netns went).
        String netns = env.getOrDefault("CNI_NETNS", "");
        String seen = NetnsIdentity.ofPathOrEmpty(netns);
        if (!seen.equals(request.get("podNetns"))) {
            return decline("CNI_NETNS " + netns + " is " + describe(request.get("podNetns")) + " for the caller and "
                    + describe(seen) + " for the agent");
        }
        if (!canWirePods) {
            return decline("the agent may not wire pods: it needs CAP_SYS_ADMIN (setns(2) into the pod's namespace)"
                    + " and a writable /proc/sys (interface sysctls), i.e. a privileged container");
        }
        return run(env, stdin);
    }

    private Map<String, Object> run(Map<String, String> env, String stdin) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var parsed = new AtomicReference<NetConf>();
        int exit;
        try (Kernel kernel = kernels.get()) {
            var plugin = new BrindlePlugin(kernel, this::ipamFor, conf -> podMtu.getAsInt());
            // The plugin's own log lines are the agent's (its level, its output); the caller still gets one line
            // per call on stderr and in log_file_path (CONTRACT.md), from CallLog.
            exit = new CniRunner(plugin, parsed::set).run(env, stdin, utf8(out), utf8(err));
        }
        if (parsed.get() != null) {
            CallLog.write(parsed.get(), env, exit, err);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("exit", (long) exit);
        answer.put("stdout", out.toString(StandardCharsets.UTF_8));
        answer.put("stderr", err.toString(StandardCharsets.UTF_8));
        return answer;
    }

    private Ipam ipamFor(NetConf conf) {
        return conf.ipam().isBrindle() ? new AgentIpam(c -> ipam) : new ExecIpam();
    }

    private static PrintStream utf8(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static String describe(Object identity) {
        return identity == null || "".equals(identity) ? "missing" : "file " + identity;
    }

    private static Map<String, Object> decline(String why) {
        LOG.debug("declined a CNI call from brindle-shim: {}", why);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("fallback", true);
        answer.put("reason", why);
        return answer;
    }
}
