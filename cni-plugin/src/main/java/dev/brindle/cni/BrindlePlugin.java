package dev.brindle.cni;

import dev.brindle.cni.config.NetConf;
import dev.brindle.cni.dataplane.Kernel;
import dev.brindle.cni.dataplane.LinkState;
import dev.brindle.cni.dataplane.Netns;
import dev.brindle.cni.dataplane.PodWiring;
import dev.brindle.cni.dataplane.VethName;
import dev.brindle.cni.dataplane.WiringCheck;
import dev.brindle.cni.ipam.Ipam;
import dev.brindle.cni.spec.CniEnv;
import dev.brindle.cni.spec.CniError;
import dev.brindle.cni.spec.CniPlugin;
import dev.brindle.cni.spec.Result;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code brindle} plugin: Calico-style pod wiring over a delegated or agent-served IPAM. */
public final class BrindlePlugin implements CniPlugin {
    static final int DEFAULT_MTU = 1500;

    /** Created on first use, after PluginLogging has applied the netconf's log settings (slf4j-simple reads them once). */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(BrindlePlugin.class);
    }

    private final Kernel kernel;
    private final Function<NetConf, Ipam> ipamFor;
    private final ToIntFunction<NetConf> agentMtu;

    /**
     * {@code agentMtu}: the pod MTU the node agent computed, 0 when unknown; asked when the netconf's {@code mtu}
     * is 0 and IPAM did not say (CONTRACT.md).
     */
    public BrindlePlugin(Kernel kernel, Function<NetConf, Ipam> ipamFor, ToIntFunction<NetConf> agentMtu) {
        this.kernel = kernel;
        this.ipamFor = ipamFor;
        this.agentMtu = agentMtu;
    }

    @Override
    public Result add(NetConf conf, CniEnv env) {
        String netnsPath = env.netns().orElseThrow();
        String veth = VethName.of(conf.interfacePrefix(), env.args(), env.requiredContainerId());
        // The netns is opened before IPAM so that a bad path fails with nothing allocated.
        try (Netns pod = openForAdd(netnsPath);
                Netns host = kernel.host()) {
            Ipam ipam = ipamFor.apply(conf);
            Ipam.Lease lease;
            try {
                if (!ipam.idempotentAdd() && pod.link(env.requiredIfName()).isPresent()) {
                    // A retried ADD (the interface is there already): give the address back, then ask again.
                    ipam.del(conf, env);
                }
                lease = ipam.add(conf, env);
            } catch (RuntimeException e) {
                // SPEC.md: a failed delegated ADD is followed by its DEL, so a half-made reservation is freed too.
                releaseQuietly(conf, env, ipam);
                throw e;
            }
            try {
                return wire(conf, env, host, pod, veth, lease);
            } catch (RuntimeException e) {
                undo(conf, env, host, veth, ipam);
                throw e;
            }
        }
    }

    private Result wire(NetConf conf, CniEnv env, Netns host, Netns pod, String veth, Ipam.Lease lease) {
        List<AddressWithPrefix> addresses = narrow(lease.result());
        int mtu = mtu(conf, lease);
        var plan = new PodWiring.Plan(veth, env.requiredIfName(), mtu, addresses);
        LinkState podLink = PodWiring.setUp(host, pod, plan);
        Log.LOG.info(
                "ADD {} {}: {} on {} in {}, host veth {}, mtu {}",
                conf.name(),
                env.requiredContainerId(),
                addresses,
                plan.podIf(),
                pod.path(),
                veth,
                mtu);
        Result ours = ResultBuilder.build(plan, podLink, pod.path(), lease.result(), conf.raw());
        return conf.prevResult().map(prev -> prev.append(ours)).orElse(ours);
    }

    /** The netconf's mtu; 0 there means the agent's (from the lease, or asked), else 1500. */
    private int mtu(NetConf conf, Ipam.Lease lease) {
        if (conf.mtu() > 0) {
            return conf.mtu();
        }
        int agent = lease.mtu() > 0 ? lease.mtu() : agentMtu.applyAsInt(conf);
        return agent > 0 ? agent : DEFAULT_MTU;
    }

    /** Calico narrows whatever mask IPAM returned (host-local: the subnet's; brindle: the block's) to one address. */
    static List<AddressWithPrefix> narrow(Result ipamResult) {
        List<AddressWithPrefix> out = ipamResult.ips().stream()
                .map(ip -> new AddressWithPrefix(
                        ip.address().address(), ip.address().family().bits()))
                .distinct()
                .toList();
        if (out.isEmpty()) {
            throw new CniError(CniError.INTERNAL, "the IPAM plugin returned no address");
        }
        return out;
    }

    /** After a failed ADD: nothing left behind, neither a veth nor an address (SPEC.md: DEL the delegate). */
    private static void undo(NetConf conf, CniEnv env, Netns host, String veth, Ipam ipam) {
        try {
            PodWiring.removeHostVeth(host, veth);
        } catch (RuntimeException e) {
            Log.LOG.warn("could not remove {} after a failed ADD: {}", veth, e.getMessage());
        }
        releaseQuietly(conf, env, ipam);
    }

    private static void releaseQuietly(NetConf conf, CniEnv env, Ipam ipam) {
        try {
            ipam.del(conf, env);
        } catch (RuntimeException e) {
            Log.LOG.warn(
                    "could not release the address of {} after a failed ADD: {}",
                    env.requiredContainerId(),
                    e.getMessage());
        }
    }

    private Netns openForAdd(String path) {
        try {
            return kernel.open(path);
        } catch (Kernel.NetnsGoneException e) {
            throw new CniError(CniError.INVALID_NETNS, "invalid CNI_NETNS: " + e.getMessage());
        }
    }

    /**
     * DEL must succeed when repeated, when the netns is gone, when CNI_NETNS is empty and without prevResult
     * (SPEC.md "DEL"). Removing the pod's end takes the host end with it; a netns that is gone took both.
     */
    @Override
    public void del(NetConf conf, CniEnv env) {
        env.netns().ifPresent(path -> {
            try (Netns pod = kernel.open(path)) {
                PodWiring.tearDown(pod, env.requiredIfName());
            } catch (Kernel.NetnsGoneException e) {
                Log.LOG.info("DEL {}: {}, nothing to remove there", env.requiredContainerId(), e.getMessage());
            }
        });
        ipamFor.apply(conf).del(conf, env);
        Log.LOG.info("DEL {} {}: done", conf.name(), env.requiredContainerId());
    }

    @Override
    public void check(NetConf conf, CniEnv env) {
        Result prev = conf.prevResult()
                .orElseThrow(() -> new CniError(
                        CniError.INVALID_CONFIG,
                        "invalid network config: CHECK needs \"prevResult\" (the ADD result)"));
        String veth = VethName.of(conf.interfacePrefix(), env.args(), env.requiredContainerId());
        List<AddressWithPrefix> addresses = ourAddresses(prev, env);
        if (addresses.isEmpty()) {
            throw new CniError(CniError.INTERNAL, "prevResult lists no address on " + env.requiredIfName());
        }
        ipamFor.apply(conf).check(conf, env);
        // The netconf's MTU when it names one; 0 (the agent's, which may have changed since ADD) only asks for the
        // same MTU on both ends.
        var plan = new PodWiring.Plan(veth, env.requiredIfName(), Math.max(conf.mtu(), 0), addresses);
        try (Netns pod = openForAdd(env.netns().orElseThrow());
                Netns host = kernel.host()) {
            List<String> problems = WiringCheck.problems(host, pod, plan);
            if (!problems.isEmpty()) {
                throw new CniError(
                        CniError.INTERNAL, "CHECK " + env.requiredContainerId() + ": " + String.join("; ", problems));
            }
        }
    }

    /** The prevResult addresses on our interface (the one named CNI_IFNAME with a sandbox), else all of them. */
    private static List<AddressWithPrefix> ourAddresses(Result prev, CniEnv env) {
        List<Result.Iface> ifaces = prev.interfaces();
        List<AddressWithPrefix> ours = prev.ips().stream()
                .filter(ip -> ip.interfaceIndex()
                        .map(i -> ifaces.get(i).name().equals(env.requiredIfName())
                                && ifaces.get(i).sandbox().isPresent())
                        .orElse(false))
                .map(Result.IpConfig::address)
                .toList();
        return ours.isEmpty()
                ? prev.ips().stream().map(Result.IpConfig::address).toList()
                : ours;
    }

    @Override
    public void status(NetConf conf, CniEnv env) {
        ipamFor.apply(conf).status(conf, env);
    }

    /**
     * GC: the stale attachments' netns are gone (SPEC.md "GC": the plugin may assume so), so their veths went with
     * them; what remains to collect is their addresses.
     */
    @Override
    public void gc(NetConf conf, CniEnv env) {
        ipamFor.apply(conf).gc(conf, env);
    }

    /** The result of an ADD (calico-facts.md §1.9): host veth and pod interface, /32s on the pod one, no gateway. */
    static final class ResultBuilder {
        private ResultBuilder() {}

        static Result build(
                PodWiring.Plan plan, LinkState podLink, String sandbox, Result ipam, Map<String, Object> raw) {
            var host = Result.Iface.of(plan.hostVeth(), dev.brindle.core.MacAddress.EEEE.toString(), plan.mtu(), null);
            var podIf = Result.Iface.of(plan.podIf(), podLink.mac().toString(), plan.mtu(), sandbox);
            List<Result.IpConfig> ips = plan.addresses().stream()
                    .map(a -> new Result.IpConfig(a, Optional.empty(), Optional.of(1)))
                    .toList();
            List<Result.Route> routes = ipam.routes().isEmpty() ? defaultRoutes(plan) : ipam.routes();
            Map<String, Object> dns = !ipam.dns().isEmpty() ? ipam.dns() : netconfDns(raw);
            return new Result(List.of(host, podIf), ips, routes, dns);
        }

        private static List<Result.Route> defaultRoutes(PodWiring.Plan plan) {
            return plan.addresses().stream()
                    .map(AddressWithPrefix::family)
                    .distinct()
                    .map(f -> new Result.Route(
                            AddressWithPrefix.parse(f == IpFamily.V4 ? "0.0.0.0/0" : "::/0"),
                            Optional.empty(),
                            Map.of()))
                    .toList();
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> netconfDns(Map<String, Object> raw) {
            return raw.get("dns") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
    }
}
