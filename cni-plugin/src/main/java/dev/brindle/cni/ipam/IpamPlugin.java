package dev.brindle.cni.ipam;

import dev.brindle.cni.config.NetConf;
import dev.brindle.cni.spec.CniEnv;
import dev.brindle.cni.spec.CniPlugin;
import dev.brindle.cni.spec.Result;

/**
 * {@code brindle-ipam}: the spec's IPAM plugin for runtimes or other main plugins that delegate to it. Every
 * command goes to the node agent through {@link AgentIpam}; the result is the abbreviated IPAM form and keeps the
 * block's prefix length (narrowing to /32 is the main plugin's job).
 */
public final class IpamPlugin implements CniPlugin {
    private final Ipam ipam;

    public IpamPlugin(Ipam ipam) {
        this.ipam = ipam;
    }

    @Override
    public Result add(NetConf conf, CniEnv env) {
        return ipam.add(conf, env).result();
    }

    @Override
    public void del(NetConf conf, CniEnv env) {
        ipam.del(conf, env);
    }

    @Override
    public void check(NetConf conf, CniEnv env) {
        ipam.check(conf, env);
    }

    @Override
    public void status(NetConf conf, CniEnv env) {
        ipam.status(conf, env);
    }

    @Override
    public void gc(NetConf conf, CniEnv env) {
        ipam.gc(conf, env);
    }
}
