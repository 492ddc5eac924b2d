package dev.brindle.cni;

import dev.brindle.cni.config.NetConf;
import dev.brindle.cni.ipam.Ipam;
import dev.brindle.cni.spec.CniEnv;
import dev.brindle.cni.spec.CniError;
import dev.brindle.cni.spec.Result;
import dev.brindle.core.AddressWithPrefix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** host-local's behaviour in memory: one address per container ID, with the subnet's /16 mask, re-ADD returns it. */
final class FakeIpam implements Ipam {
    final Map<String, String> held = new LinkedHashMap<>();
    int next = 2;
    int dels;
    boolean failAdd;
    /** Behave like host-local: a second ADD for a held container ID is an error. */
    boolean refuseDuplicates;

    @Override
    public boolean idempotentAdd() {
        return !refuseDuplicates;
    }

    @Override
    public Lease add(NetConf conf, CniEnv env) {
        if (failAdd) {
            throw new CniError(CniError.TRY_AGAIN_LATER, "fake IPAM is out of sorts");
        }
        if (refuseDuplicates && held.containsKey(env.requiredContainerId())) {
            throw new CniError(CniError.INTERNAL, "duplicate allocation is not allowed");
        }
        String ip = held.computeIfAbsent(env.requiredContainerId(), id -> "10.22.0." + next++);
        var cfg = new Result.IpConfig(AddressWithPrefix.parse(ip + "/16"), Optional.empty(), Optional.empty());
        return new Lease(new Result(List.of(), List.of(cfg), List.of(), Map.of()), 0);
    }

    @Override
    public void del(NetConf conf, CniEnv env) {
        dels++;
        held.remove(env.requiredContainerId());
    }

    @Override
    public void check(NetConf conf, CniEnv env) {
        if (!held.containsKey(env.requiredContainerId())) {
            throw new CniError(CniError.INTERNAL, "fake IPAM holds nothing for " + env.requiredContainerId());
        }
    }

    @Override
    public void gc(NetConf conf, CniEnv env) {
        var keep = conf.validAttachments().stream()
                .map(NetConf.Attachment::containerId)
                .toList();
        held.keySet().retainAll(keep);
    }

    @Override
    public void status(NetConf conf, CniEnv env) {
        if (failAdd) {
            throw new CniError(CniError.NOT_AVAILABLE, "fake IPAM is down");
        }
    }
}
