package dev.brindle.bgp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A BIRD 2 peer configured the way Calico configures it (static blackhole for its block, kernel protocol with
 * {@code learn}, the export filter, graceful restart, {@code add paths on}, connect delay 1 / retry 3), with short
 * timers so the suite stays fast. State and control socket live in the test's temp dir.
 */
final class Bird implements AutoCloseable {
    final String ns;
    final Path dir;
    private final String binary;
    private Daemon daemon;

    record Options(
            String self,
            String block,
            String peer,
            long peerAs,
            boolean passive,
            String password,
            int hold,
            int restartTime) {
        Options passiveOn() {
            return new Options(self, block, peer, peerAs, true, password, hold, restartTime);
        }

        Options withPassword(String p) {
            return new Options(self, block, peer, peerAs, passive, p, hold, restartTime);
        }

        Options withRestartTime(int seconds) {
            return new Options(self, block, peer, peerAs, passive, password, hold, seconds);
        }
    }

    static Options options(String self, String block, String peer) {
        return new Options(self, block, peer, 64512, false, null, 9, 120);
    }

    /** BIRD 2 from the bird2 package. */
    Bird(String ns, Path dir, Options o) throws IOException {
        this(ns, dir, "bird", render(o));
    }

    private Bird(String ns, Path dir, String binary, String config) throws IOException {
        this.ns = ns;
        this.dir = dir;
        this.binary = binary;
        Files.writeString(dir.resolve("bird.conf"), config);
    }

    /** BIRD 1.6 (Calico's own line), unpacked next to bird2, with Calico's template in 1.x syntax. */
    static Bird legacy(String ns, Path dir, Path bird1, Options o) throws IOException {
        return new Bird(ns, dir, bird1.toString(), renderLegacy(o));
    }

    /** The values both templates use, in the order of their numbered placeholders. */
    private static Object[] templateArguments(Options o) {
        return new Object[] {
            o.self(),
            o.block(),
            "Mesh_" + o.peer().replace('.', '_'),
            o.peer(),
            o.peerAs(),
            o.restartTime(),
            o.hold(),
            Math.max(1, o.hold() / 3),
            o.passive() ? "passive on;" : "",
            o.password() == null ? "" : "password \"" + o.password() + "\";"
        };
    }

    static String renderLegacy(Options o) {
        return """
                router id %1$s;
                log stderr all;
                filter calico_kernel_programming { if source = RTS_DEVICE then reject; accept; }
                filter calico_export_to_bgp_peers {
                  if ( net = %2$s ) then { accept; }
                  if ( net ~ 10.244.0.0/16 ) then { accept; }
                  reject;
                }
                protocol kernel {
                  learn; scan time 2; import all; export filter calico_kernel_programming;
                  graceful restart; merge paths on;
                }
                protocol device { scan time 2; }
                protocol direct { interface "ul0"; }
                protocol static { route %2$s blackhole; }
                protocol bgp %3$s {
                  local as 64512;
                  neighbor %4$s as %5$d;
                  source address %1$s;
                  multihop; gateway recursive; import all; export filter calico_export_to_bgp_peers;
                  add paths on; graceful restart; graceful restart time %6$d;
                  connect delay time 1; connect retry time 3; error wait time 1,5;
                  hold time %7$d; keepalive time %8$d;
                  %9$s
                  %10$s
                }
                """.formatted(templateArguments(o));
    }

    static String render(Options o) {
        return """
                router id %1$s;
                log stderr all;
                filter calico_kernel_programming { if source = RTS_DEVICE then reject; accept; }
                filter calico_export_to_bgp_peers {
                  if net = %2$s then accept;
                  if net ~ 10.244.0.0/16 then accept;
                  reject;
                }
                protocol device { scan time 2; }
                protocol direct { ipv4; interface "ul0"; }
                protocol kernel {
                  learn; scan time 2; graceful restart; merge paths on;
                  ipv4 { import all; export filter calico_kernel_programming; };
                }
                protocol static { ipv4; route %2$s blackhole; }
                protocol bgp %3$s {
                  local %1$s as 64512;
                  neighbor %4$s as %5$d;
                  multihop;
                  ipv4 { gateway recursive; import all; export filter calico_export_to_bgp_peers; add paths on; };
                  graceful restart; graceful restart time %6$d;
                  connect delay time 1; connect retry time 3; error wait time 1,5;
                  hold time %7$d; keepalive time %8$d;
                  %9$s
                  %10$s
                }
                """.formatted(templateArguments(o));
    }

    /** Starts BIRD; {@code recovering} passes -R (graceful restart recovery: F bit set in its OPEN). */
    void start(boolean recovering) throws IOException {
        Files.deleteIfExists(dir.resolve("bird.ctl"));
        Path conf = dir.resolve("bird.conf");
        daemon = recovering
                ? Daemon.start(ns, dir.resolve("bird.log"), binary, "-R", "-f", "-c", conf.toString(), "-s", ctl())
                : Daemon.start(ns, dir.resolve("bird.log"), binary, "-f", "-c", conf.toString(), "-s", ctl());
    }

    private String ctl() {
        return dir.resolve("bird.ctl").toString();
    }

    String cli(String... args) {
        java.util.List<String> cmd =
                new java.util.ArrayList<>(java.util.List.of("ip", "netns", "exec", ns, birdc(), "-s", ctl()));
        cmd.addAll(java.util.List.of(args));
        return Shell.tryRun(cmd.toArray(String[]::new)).output();
    }

    private String birdc() {
        return binary.equals("bird") ? "birdc" : binary + "c";
    }

    boolean established() {
        return cli("show", "protocols").contains("Established");
    }

    /** "Import updates: received" of one BGP protocol: how many routes the peer sent so far. */
    int importUpdatesReceived(String protocol) {
        for (String line : cli("show", "protocols", "all", protocol).split("\n")) {
            String t = line.trim();
            if (t.startsWith("Import updates:")) {
                return Integer.parseInt(t.split("\\s+")[2]);
            }
        }
        return -1;
    }

    String log() throws IOException {
        Path log = dir.resolve("bird.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    long pid() {
        return daemon.pid();
    }

    void kill9() throws InterruptedException {
        daemon.kill9();
    }

    @Override
    public void close() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
    }
}
