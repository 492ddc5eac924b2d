package dev.brindle.bench.bgp;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The other mesh shape the issue allows: one JVM hosting N speakers on distinct addresses. All N addresses sit on
 * the loopback of one namespace made here; every speaker listens on its own address, peers with all others by
 * Calico's rule, originates one /26. t0 = before the first speaker starts; converged = every speaker has seen N−1
 * best-route events.
 *
 * <p>The bench module has no compile dependency on bgp-speaker (its pom is the coordinator's), so the speaker API
 * is reached by reflection from {@code bgp-speaker/target/brindle-bgp.jar} on the class path.
 *
 * <pre>java -cp bench/target/classes:bgp-speaker/target/brindle-bgp.jar \
 *     dev.brindle.bench.bgp.SharedJvmMesh [--nodes 40]</pre>
 */
public final class SharedJvmMesh {
    private SharedJvmMesh() {}

    static String ip(int i) {
        return "198.18.0." + (1 + i);
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 1 && args[0].equals("--nodes") ? Integer.parseInt(args[1]) : 40;
        if (args.length > 2 && args[2].equals("--inside")) {
            inside(n);
            return;
        }
        String ns = "bgpjvm-" + ProcessHandle.current().pid();
        BenchNamespaces.run("ip", "netns", "add", ns);
        try {
            BenchNamespaces.run("ip", "-n", ns, "link", "set", "lo", "up");
            for (int i = 0; i < n; i++) {
                BenchNamespaces.run("ip", "-n", ns, "addr", "add", ip(i) + "/32", "dev", "lo");
            }
            Process p = new ProcessBuilder(
                            "ip",
                            "netns",
                            "exec",
                            ns,
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "--sun-misc-unsafe-memory-access=allow",
                            "-XX:+UseSerialGC",
                            "-Xmx256m",
                            "-XX:TieredStopAtLevel=1",
                            "-Dlogback.configurationFile=none",
                            "-cp",
                            System.getProperty("java.class.path"),
                            SharedJvmMesh.class.getName(),
                            "--nodes",
                            Integer.toString(n),
                            "--inside")
                    .inheritIO()
                    .start();
            p.waitFor();
        } finally {
            BenchNamespaces.run("ip", "netns", "del", ns);
        }
    }

    private static void inside(int n) throws Exception {
        Class<?> configClass = Class.forName("dev.brindle.bgp.speaker.SpeakerConfig");
        Class<?> speakerClass = Class.forName("dev.brindle.bgp.speaker.BgpSpeaker");
        Class<?> peerClass = Class.forName("dev.brindle.bgp.session.PeerConfig");
        Class<?> routes = Class.forName("dev.brindle.bgp.speaker.BestRouteListener");
        Class<?> status = Class.forName("dev.brindle.bgp.speaker.PeerStatusListener");
        Method of = configClass.getMethod("of", long.class, java.net.Inet4Address.class);
        Method withListen = configClass.getMethod("withListen", Optional.class, int.class);
        Method start = speakerClass.getMethod("start", configClass, routes, status);
        Method meshPeer = peerClass.getMethod("meshPeer", InetAddress.class, InetAddress.class, long.class);
        Method withRetry = peerClass.getMethod("withConnectRetry", java.time.Duration.class);
        Method announce = speakerClass.getMethod("announce", IpPrefix.class);
        Method addPeers = speakerClass.getMethod("addPeers", List.class);
        Method close = speakerClass.getMethod("close");

        AtomicIntegerArray adds = new AtomicIntegerArray(n);
        Object ignore = Proxy.newProxyInstance(status.getClassLoader(), new Class<?>[] {status}, (o, m, a) -> null);
        List<Object> speakers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int node = i;
            Object counter = Proxy.newProxyInstance(routes.getClassLoader(), new Class<?>[] {routes}, (o, m, a) -> {
                if (m.getName().equals("onBestRouteChange") && a[0].toString().contains("ADD")) {
                    adds.incrementAndGet(node);
                }
                return null;
            });
            InetAddress self = IpAddresses.parse(ip(i));
            Object config = withListen.invoke(of.invoke(null, 64512L, self), Optional.of(self), 179);
            Object speaker = start.invoke(null, config, counter, ignore);
            announce.invoke(speaker, IpPrefix.parse("10.64." + (i / 4) + "." + (64 * (i % 4)) + "/26"));
            List<Object> peers = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    Object peer = meshPeer.invoke(null, self, IpAddresses.parse(ip(j)), 64512L);
                    peers.add(withRetry.invoke(peer, java.time.Duration.ofMillis(500)));
                }
            }
            addPeers.invoke(speaker, peers);
            speakers.add(speaker);
        }
        while (!all(adds, n - 1)) {
            if (System.nanoTime() - t0 > 120_000_000_000L) {
                throw new IllegalStateException("not converged in 120 s");
            }
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long rss = 0;
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "{\"impl\":\"brindle-one-jvm\",\"nodes\":%d,\"converged_s\":%.2f,\"rss_mib\":%d}%n",
                n,
                seconds,
                rss);
        for (Object s : speakers) {
            close.invoke(s);
        }
    }

    private static boolean all(AtomicIntegerArray adds, int want) {
        for (int i = 0; i < adds.length(); i++) {
            if (adds.get(i) < want) {
                return false;
            }
        }
        return true;
    }
}
