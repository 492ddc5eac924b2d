package dev.brindle.bgp.interop;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Network namespaces for one test, all named with a per-run prefix ({@code bgpit-<random>-}) and all removed by
 * {@link #close()}. Nothing is ever created in the root namespace: veth pairs are created inside a namespace and
 * one end moved to the other.
 */
final class Netns implements AutoCloseable {
    private final String prefix;
    private final List<String> created = new ArrayList<>();

    Netns() {
        byte[] r = new byte[3];
        ThreadLocalRandom.current().nextBytes(r);
        this.prefix = "bgpit-" + HexFormat.of().formatHex(r) + "-";
    }

    /** Creates namespace {@code prefix + name} with loopback up and returns its full name. */
    String add(String name) {
        String ns = prefix + name;
        Shell.run("ip", "netns", "add", ns);
        created.add(ns);
        Shell.run("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /** Joins two namespaces with a veth pair named ul0 on both sides, addresses in /24. */
    static void link(String nsA, String addrA, String nsB, String addrB) {
        Shell.run("ip", "-n", nsA, "link", "add", "ul0", "type", "veth", "peer", "name", "ul0", "netns", nsB);
        Shell.run("ip", "-n", nsA, "addr", "add", addrA + "/24", "dev", "ul0");
        Shell.run("ip", "-n", nsB, "addr", "add", addrB + "/24", "dev", "ul0");
        Shell.run("ip", "-n", nsA, "link", "set", "ul0", "up");
        Shell.run("ip", "-n", nsB, "link", "set", "ul0", "up");
    }

    /** A bridge {@code br0} in {@code hub}, to which {@link #attach} plugs namespaces. */
    static void bridge(String hub) {
        Shell.run("ip", "-n", hub, "link", "add", "br0", "type", "bridge");
        Shell.run("ip", "-n", hub, "link", "set", "br0", "up");
    }

    /** Plugs {@code ns} into the hub's bridge as ul0 with {@code addr}/24 (veth made in the hub, one end moved). */
    static void attach(String hub, String ns, String addr, String portName) {
        Shell.run("ip", "-n", hub, "link", "add", portName, "type", "veth", "peer", "name", "ul0", "netns", ns);
        Shell.run("ip", "-n", hub, "link", "set", portName, "master", "br0", "up");
        Shell.run("ip", "-n", ns, "addr", "add", addr + "/24", "dev", "ul0");
        Shell.run("ip", "-n", ns, "link", "set", "ul0", "up");
    }

    static String routes(String ns) {
        return Shell.run("ip", "-n", ns, "-4", "route", "show");
    }

    @Override
    public void close() {
        for (String ns : created) {
            Shell.tryRun("ip", "netns", "del", ns);
        }
        created.clear();
    }
}
