package dev.brindle.cni;

import dev.brindle.cni.dataplane.SystemKernel;
import dev.brindle.cni.ipam.AgentIpam;
import dev.brindle.cni.ipam.ExecIpam;
import dev.brindle.cni.ipam.Ipam;

/**
 * Entry point of {@code brindle} ({@code bin/brindle}). The runtime forks a JVM for every ADD and DEL, so this
 * path stays lean: no CLI parser, a hand-written JSON codec, the kernel opened only by commands that need it, and
 * {@code brindle-ipam} served in-process over the agent socket instead of a second JVM.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Entry.main(plugin()));
    }

    /** The plugin as the binary runs it (the AOT training builds the same one). */
    public static BrindlePlugin plugin() {
        return new BrindlePlugin(new SystemKernel(), Main::ipamFor, AgentIpam::agentMtu);
    }

    private static Ipam ipamFor(dev.brindle.cni.config.NetConf conf) {
        return conf.ipam().isBrindle() ? new AgentIpam() : new ExecIpam();
    }
}
