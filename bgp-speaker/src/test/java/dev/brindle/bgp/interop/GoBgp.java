package dev.brindle.bgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A GoBGP 3 peer; its RIB (no FIB of its own) is read through the gobgp CLI on the namespace's loopback. */
final class GoBgp implements AutoCloseable {
    final String ns;
    final Path dir;
    private Daemon daemon;

    record Options(
            String self, String block, String peer, long peerAs, boolean passive, String password, boolean ipv6) {
        Options passiveOn() {
            return new Options(self, block, peer, peerAs, true, password, ipv6);
        }

        Options withPassword(String p) {
            return new Options(self, block, peer, peerAs, passive, p, ipv6);
        }

        /** IPv6 unicast as a second family on the same (IPv4) session. */
        Options withIpv6() {
            return new Options(self, block, peer, peerAs, passive, password, true);
        }
    }

    static Options options(String self, String block, String peer) {
        return new Options(self, block, peer, 64512, false, null, false);
    }

    GoBgp(String ns, Path dir, Options o) throws IOException {
        this.ns = ns;
        this.dir = Files.createDirectories(dir.resolve("gobgp"));
        Files.writeString(this.dir.resolve("gobgpd.toml"), render(o));
    }

    private static String render(Options o) {
        StringBuilder b = new StringBuilder();
        b.append("[global.config]\n  as = 64512\n  router-id = \"")
                .append(o.self())
                .append("\"\n");
        b.append("  local-address-list = [\"").append(o.self()).append("\"]\n\n");
        b.append("[[neighbors]]\n  [neighbors.config]\n    neighbor-address = \"")
                .append(o.peer())
                .append("\"\n");
        b.append("    peer-as = ").append(o.peerAs()).append('\n');
        if (o.password() != null) {
            b.append("    auth-password = \"").append(o.password()).append("\"\n");
        }
        b.append("  [neighbors.transport.config]\n    local-address = \"")
                .append(o.self())
                .append("\"\n");
        if (o.passive()) {
            b.append("    passive-mode = true\n");
        }
        b.append("  [neighbors.timers.config]\n    connect-retry = 1\n    hold-time = 9\n    keepalive-interval = 3\n");
        b.append("  [neighbors.graceful-restart.config]\n    enabled = true\n    restart-time = 120\n");
        b.append(
                "  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"ipv4-unicast\"\n");
        b.append("    [neighbors.afi-safis.mp-graceful-restart.config]\n      enabled = true\n");
        if (o.ipv6()) {
            b.append("  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n"
                    + "      afi-safi-name = \"ipv6-unicast\"\n");
            b.append("    [neighbors.afi-safis.mp-graceful-restart.config]\n      enabled = true\n");
        }
        return b.toString();
    }

    void start(String block) throws InterruptedException {
        daemon = Daemon.start(
                ns,
                dir.resolve("gobgpd.log"),
                "gobgpd",
                "-f",
                dir + "/gobgpd.toml",
                "-p",
                "--api-hosts",
                "127.0.0.1:50051",
                "--pprof-disable");
        for (int i = 0; i < 200 && cli("global").exitCode() != 0; i++) {
            Thread.sleep(50); // the gRPC API comes up a moment after the process
        }
        Shell.run(
                "ip",
                "netns",
                "exec",
                ns,
                "gobgp",
                "-u",
                "127.0.0.1",
                "global",
                "rib",
                "add",
                "-a",
                "ipv4",
                block,
                "nexthop",
                "0.0.0.0");
    }

    Shell.Result cli(String... args) {
        java.util.List<String> cmd =
                new java.util.ArrayList<>(java.util.List.of("ip", "netns", "exec", ns, "gobgp", "-u", "127.0.0.1"));
        cmd.addAll(java.util.List.of(args));
        return Shell.tryRun(cmd.toArray(String[]::new));
    }

    String rib() {
        return cli("global", "rib", "-a", "ipv4").output();
    }

    String rib6() {
        return cli("global", "rib", "-a", "ipv6").output();
    }

    boolean established() {
        return cli("neighbor").output().contains("Establ");
    }

    @Override
    public void close() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
    }
}
