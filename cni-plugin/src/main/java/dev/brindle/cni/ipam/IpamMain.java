package dev.brindle.cni.ipam;

import dev.brindle.cni.Entry;

/** Entry point of {@code brindle-ipam} ({@code bin/brindle-ipam}). */
public final class IpamMain {
    private IpamMain() {}

    public static void main(String[] args) {
        System.exit(Entry.main(plugin()));
    }

    public static IpamPlugin plugin() {
        return new IpamPlugin(new AgentIpam());
    }
}
