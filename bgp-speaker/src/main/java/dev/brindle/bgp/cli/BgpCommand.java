package dev.brindle.bgp.cli;

import dev.brindle.bgp.session.PeerConfig;
import dev.brindle.bgp.speaker.BgpSpeaker;
import dev.brindle.bgp.speaker.SpeakerConfig;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code brindle-bgp}: the speaker on its own (CONTRACT.md "BGP"). Route and session events go to stdout as JSON
 * lines; logs go to stderr. Commands on stdin change it at runtime: {@code announce PREFIX [nexthop=X]},
 * {@code withdraw PREFIX}, {@code add-peer SPEC}, {@code remove-peer ADDR}, {@code status}, {@code count},
 * {@code stop} (Cease to every peer) and {@code restart} (exit without NOTIFICATION, so graceful-restart peers
 * keep our routes). SIGTERM acts like {@code restart} when graceful restart is on, else like {@code stop}.
 */
@Command(
        name = "brindle-bgp",
        mixinStandardHelpOptions = true,
        description = "BGP speaker: peers, exchanges routes, prints route and session events as JSON lines.")
public final class BgpCommand implements Callable<Integer> {
    @Option(names = "--as", description = "our AS number (default ${DEFAULT-VALUE})", defaultValue = "64512")
    long asNumber;

    @Option(names = "--router-id", required = true, description = "BGP Identifier, an IPv4 address")
    String routerId;

    @Option(names = "--listen", description = "ADDR[:port] to accept connections on (default: router ID, 179)")
    String listen;

    @Option(names = "--no-listen", description = "do not accept connections (active peers only)")
    boolean noListen;

    @Option(
            names = "--peer",
            description = "ADDR[:port][,as=N][,md5=KEY][,passive][,hold=S][,connect-retry=S][,rr-client]")
    List<String> peers = new ArrayList<>();

    @Option(
            names = "--announce",
            description = "PREFIX[,nexthop=X] to announce, IPv4 or IPv6 (next hop self by default)")
    List<String> announcements = new ArrayList<>();

    @Option(names = "--pool", description = "import only prefixes inside this CIDR (repeatable; default all)")
    List<String> pools = new ArrayList<>();

    @Option(names = "--cluster-id", description = "route-reflector cluster ID (default: router ID)")
    String clusterId;

    @Option(names = "--graceful-restart", defaultValue = "120", description = "restart time we announce, 0 = off")
    int gracefulRestart;

    @Option(
            names = "--selection-deferral",
            defaultValue = "360",
            description = "after a restart, wait at most S s for peers' End-of-RIB before selecting (RFC 4724 §4.1)")
    int selectionDeferral;

    @Option(names = "--hold", defaultValue = "90", description = "hold time offered to peers (0 or >= 3)")
    int hold;

    @Option(names = "--connect-retry", defaultValue = "3", description = "ConnectRetry seconds (jittered)")
    double connectRetry;

    @Option(
            names = "--no-route-events",
            description = "do not print best-route changes (benchmarks: the count command still works)")
    boolean noRouteEvents;

    private final PrintStream stdout;
    /** Our address for the mesh rule: the listening address, else the router ID. */
    private InetAddress self;

    public BgpCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        JsonLines json = new JsonLines(stdout);
        SpeakerConfig config = config();
        self = config.listenAddress().orElse(config.routerId());
        BgpSpeaker speaker = BgpSpeaker.start(config, noRouteEvents ? e -> {} : json::route, json::statusChanged);
        Duration retry = Duration.ofMillis((long) (connectRetry * 1000));
        for (String a : announcements) {
            announce(speaker, a);
        }
        speaker.addPeers(peers.stream()
                .map(p -> PeerOption.parse(p, self, asNumber, hold, retry))
                .toList());
        json.ready(config.listenAddress().map(IpAddresses::format).orElse("") + ":" + config.listenPort());
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (gracefulRestart > 0) {
                speaker.closeForRestart();
            } else {
                speaker.close();
            }
        }));
        Thread.ofPlatform().daemon().name("stdin").start(() -> readCommands(speaker, json, retry, done));
        done.await();
        return 0;
    }

    private SpeakerConfig config() {
        Inet4Address id = ipv4(routerId, "--router-id");
        Optional<InetAddress> listenAddress = Optional.of(id);
        int port = PeerConfig.BGP_PORT;
        if (listen != null) {
            PeerOption.HostPort hp = PeerOption.HostPort.parse(listen, PeerConfig.BGP_PORT);
            listenAddress = Optional.of(hp.address());
            port = hp.port();
        }
        SpeakerConfig c = SpeakerConfig.of(asNumber, id)
                .withListen(noListen ? Optional.empty() : listenAddress, port)
                .withGracefulRestart(gracefulRestart)
                .withSelectionDeferral(selectionDeferral)
                .withPools(pools.stream().map(IpPrefix::parse).toList());
        return clusterId == null ? c : c.withClusterId(ipv4(clusterId, "--cluster-id"));
    }

    private static Inet4Address ipv4(String text, String option) {
        if (IpAddresses.parse(text) instanceof Inet4Address a) {
            return a;
        }
        throw new IllegalArgumentException(option + " " + text + " must be an IPv4 address");
    }

    private static void announce(BgpSpeaker speaker, String spec) {
        String[] parts = spec.trim().split("[, ]+");
        IpPrefix prefix = IpPrefix.parse(parts[0]);
        if (parts.length > 1 && parts[1].startsWith("nexthop=")) {
            speaker.announce(prefix, IpAddresses.parse(parts[1].substring("nexthop=".length())));
        } else {
            speaker.announce(prefix);
        }
    }

    private void readCommands(BgpSpeaker speaker, JsonLines json, Duration retry, CountDownLatch done) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!command(speaker, json, retry, line.trim())) {
                    done.countDown();
                    return;
                }
            }
        } catch (java.io.IOException e) {
            // stdin closed: keep running until a signal, as a daemon does
        }
    }

    /** Runs one stdin command; false when the command ends the process. */
    private boolean command(BgpSpeaker speaker, JsonLines json, Duration retry, String line) {
        String[] w = line.split("\\s+", 2);
        String arg = w.length > 1 ? w[1] : "";
        try {
            switch (w[0]) {
                case "announce" -> announce(speaker, arg);
                case "withdraw" -> speaker.withdraw(IpPrefix.parse(arg));
                case "add-peer" -> speaker.addPeer(PeerOption.parse(arg, self, asNumber, hold, retry));
                case "remove-peer" -> speaker.removePeer(IpAddresses.parse(arg));
                case "status" -> speaker.peerStatus().forEach(json::session);
                case "count" -> json.info("count", "locrib", speaker.locRibSize());
                case "stop" -> {
                    speaker.close();
                    return false;
                }
                case "restart" -> {
                    speaker.closeForRestart();
                    return false;
                }
                case "" -> {}
                default ->
                    System.err.println("brindle-bgp: unknown command '" + w[0]
                            + "' (announce, withdraw, add-peer, remove-peer, status, count, stop, restart)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("brindle-bgp: " + line + ": " + e.getMessage());
        }
        return true;
    }
}
