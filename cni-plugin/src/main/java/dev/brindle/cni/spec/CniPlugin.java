package dev.brindle.cni.spec;

import dev.brindle.cni.config.NetConf;

/** What a CNI plugin does per command; {@link CniRunner} does the protocol around it (VERSION, gates, output). */
public interface CniPlugin {
    /** ADD: the result to print. */
    Result add(NetConf conf, CniEnv env);

    void del(NetConf conf, CniEnv env);

    void check(NetConf conf, CniEnv env);

    void status(NetConf conf, CniEnv env);

    void gc(NetConf conf, CniEnv env);
}
