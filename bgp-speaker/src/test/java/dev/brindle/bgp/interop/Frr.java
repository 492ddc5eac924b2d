package dev.brindle.bgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An FRR 8 peer (zebra + bgpd, so routes reach its kernel), one instance per namespace with its own sockets and pid
 * files in the test's temp dir. FRR drops to user {@code frr} (root is not in {@code frrvty}, bgp-facts.md trap 3),
 * so the directory is handed to that user.
 */
final class Frr implements AutoCloseable {
    final String ns;
    final Path dir;
    private Daemon zebra;
    private Daemon bgpd;

    /** @param ipv6Block an IPv6 prefix FRR originates over the same session (IPv6 unicast activated), or null */
    record Options(
            String self,
            long as,
            String block,
            String peer,
            long peerAs,
            boolean passive,
            String password,
            String ipv6Block) {
        Options passiveOn() {
            return new Options(self, as, block, peer, peerAs, true, password, ipv6Block);
        }

        Options withPassword(String p) {
            return new Options(self, as, block, peer, peerAs, passive, p, ipv6Block);
        }

        Options withIpv6(String v6Block) {
            return new Options(self, as, block, peer, peerAs, passive, password, v6Block);
        }
    }

    static Options options(String self, long as, String block, String peer, long peerAs) {
        return new Options(self, as, block, peer, peerAs, false, null, null);
    }

    Frr(String ns, Path dir, Options o) throws IOException {
        this.ns = ns;
        this.dir = Files.createDirectories(dir.resolve("frr"));
        Files.writeString(this.dir.resolve("zebra.conf"), "hostname zebra\nlog file " + this.dir + "/zebra.log\n!\n");
        Files.writeString(this.dir.resolve("bgpd.conf"), render(o));
        Shell.run("chown", "-R", "frr:frr", this.dir.toString());
        Shell.run("chmod", "755", dir.toString());
        // The block as Felix would program it, so `network` finds it in the RIB.
        Shell.run("ip", "-n", ns, "route", "replace", "blackhole", o.block());
        if (o.ipv6Block() != null) {
            Shell.run("ip", "-n", ns, "-6", "route", "replace", "blackhole", o.ipv6Block());
        }
    }

    private String render(Options o) {
        StringBuilder b = new StringBuilder();
        b.append("frr defaults traditional\nhostname frr\nlog file ")
                .append(dir)
                .append("/bgpd.log debugging\n!\n");
        b.append("ip prefix-list CALICO seq 5 permit 10.244.0.0/16 le 32\n!\n");
        b.append("router bgp ").append(o.as()).append('\n');
        b.append(" bgp router-id ").append(o.self()).append('\n');
        b.append(" no bgp ebgp-requires-policy\n no bgp default ipv4-unicast\n bgp graceful-restart\n");
        b.append(" timers bgp 3 9\n");
        String n = " neighbor " + o.peer();
        b.append(n).append(" remote-as ").append(o.peerAs()).append('\n');
        b.append(n).append(" update-source ").append(o.self()).append('\n');
        b.append(n).append(" timers connect 1\n");
        if (o.passive()) {
            b.append(n).append(" passive\n");
        }
        if (o.password() != null) {
            b.append(n).append(" password ").append(o.password()).append('\n');
        }
        b.append(" !\n address-family ipv4 unicast\n  network ")
                .append(o.block())
                .append('\n');
        b.append(" ").append(n).append(" activate\n");
        b.append(" ").append(n).append(" prefix-list CALICO out\n");
        b.append(" exit-address-family\n");
        if (o.ipv6Block() != null) {
            b.append(" address-family ipv6 unicast\n  network ")
                    .append(o.ipv6Block())
                    .append('\n');
            b.append(" ").append(n).append(" activate\n");
            b.append(" exit-address-family\n");
        }
        b.append("!\n");
        return b.toString();
    }

    void start() throws InterruptedException {
        List<String> common =
                List.of("-u", "frr", "-g", "frr", "-z", dir + "/zserv.api", "--vty_socket", dir.toString(), "-P", "0");
        zebra = Daemon.start(ns, dir.resolve("zebra.out"), args("/usr/lib/frr/zebra", "zebra", common));
        for (int i = 0; i < 100 && !Files.exists(dir.resolve("zserv.api")); i++) {
            Thread.sleep(50); // zebra must have its socket before bgpd connects to it
        }
        bgpd = Daemon.start(ns, dir.resolve("bgpd.out"), args("/usr/lib/frr/bgpd", "bgpd", common));
    }

    private String[] args(String binary, String name, List<String> common) {
        List<String> a =
                new ArrayList<>(List.of(binary, "-f", dir + "/" + name + ".conf", "-i", dir + "/" + name + ".pid"));
        a.addAll(common);
        return a.toArray(String[]::new);
    }

    String vtysh(String command) {
        return Shell.tryRun("ip", "netns", "exec", ns, "vtysh", "--vty_socket", dir.toString(), "-c", command)
                .output();
    }

    boolean established() {
        return vtysh("show bgp ipv4 unicast summary json").contains("\"state\":\"Established\"");
    }

    long bgpdPid() {
        return bgpd.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (bgpd != null) {
            bgpd.close();
        }
        if (zebra != null) {
            zebra.close();
        }
    }
}
