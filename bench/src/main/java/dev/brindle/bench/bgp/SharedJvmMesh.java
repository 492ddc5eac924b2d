package dev.brindle.bench.bgp;

import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
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
 *     dev.brindle.bench.bgp.SharedJvmMesh [--nodes 40] [--launchers 1] [--no-aot]</pre>
 *
 * {@code --launchers K} starts the speakers from K threads (1: one after another, each waiting for its start);
 * {@code --no-aot} skips the AOT cache made by a training mesh before the measured one.
 */
public final class SharedJvmMesh {
    private SharedJvmMesh() {}

    static String ip(int i) {
        return "198.18.0." + (1 + i);
    }

    public static void main(String[] args) throws Exception {
        // Parsed here, not by a shared helper: the mesh JVM's class path has only SharedJvmMesh* (harnessJar).
        List<String> a = List.of(args);
        int n = a.contains("--nodes") ? Integer.parseInt(a.get(a.indexOf("--nodes") + 1)) : 40;
        int launchers = a.contains("--launchers") ? Integer.parseInt(a.get(a.indexOf("--launchers") + 1)) : 1;
        if (a.contains("--inside")) {
            inside(n, launchers);
            return;
        }
        String ns = "bgpjvm-" + ProcessHandle.current().pid();
        Path work = Files.createTempDirectory("bgpjvm");
        BenchNamespaces.run("ip", "netns", "add", ns);
        try {
            BenchNamespaces.run("ip", "-n", ns, "link", "set", "lo", "up");
            for (int i = 0; i < n; i++) {
                BenchNamespaces.run("ip", "-n", ns, "addr", "add", ip(i) + "/32", "dev", "lo");
            }
            String classPath = harnessJar(work) + ":" + speakerJar();
            List<String> aot = List.of();
            if (!a.contains("--no-aot")) {
                // JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) from one training
                // mesh before t0, as the one-JVM-per-node shape uses an AppCDS archive: a fresh JVM otherwise spends
                // ~1.8 CPU-s of the convergence compiling and loading what every run loads.
                Path cache = work.resolve("mesh.aot");
                inside(ns, n, launchers, classPath, List.of("-XX:AOTCacheOutput=" + cache), true);
                aot = List.of("-XX:AOTCache=" + cache);
            }
            inside(ns, n, launchers, classPath, aot, false);
        } finally {
            BenchNamespaces.run("ip", "netns", "del", ns);
            BenchNamespaces.deleteTree(work);
        }
    }

    /** Runs one mesh in a child JVM in {@code ns}; a training run's own figures are not printed. */
    private static void inside(String ns, int n, int launchers, String classPath, List<String> extra, boolean training)
            throws Exception {
        List<String> cmd = BenchNamespaces.javaIn(ns);
        cmd.addAll(
                List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=none"));
        cmd.addAll(extra);
        cmd.addAll(List.of(
                "-cp",
                classPath,
                SharedJvmMesh.class.getName(),
                "--nodes",
                Integer.toString(n),
                "--launchers",
                Integer.toString(launchers),
                "--inside"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (training) {
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        } else {
            pb.inheritIO();
        }
        int rc = pb.start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("mesh JVM exited " + rc + (training ? " (AOT training run)" : ""));
        }
    }

    /** This class and its nested ones as a jar: the AOT cache takes jars only, not a classes directory. */
    private static Path harnessJar(Path work) throws Exception {
        Path classes = Path.of(SharedJvmMesh.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path jar = work.resolve("mesh-harness.jar");
        String pkg = SharedJvmMesh.class.getPackageName().replace('.', '/');
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                var files = Files.list(classes.resolve(pkg))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("SharedJvmMesh"))
                    .toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(pkg + "/" + f.getFileName()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The speaker jar given on our class path (it carries core and Netty too). */
    private static String speakerJar() {
        for (String e : System.getProperty("java.class.path").split(":")) {
            if (e.endsWith("brindle-bgp.jar")) {
                return e;
            }
        }
        throw new IllegalStateException("put bgp-speaker/target/brindle-bgp.jar on the class path");
    }

    private static void inside(int n, int launchers) throws Exception {
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
        long t0 = System.nanoTime();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(launchers);
        List<java.util.concurrent.Future<Object>> launched = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int node = i;
            launched.add(pool.submit(() -> {
                Object counter = Proxy.newProxyInstance(routes.getClassLoader(), new Class<?>[] {routes}, (o, m, a) -> {
                    if (m.getName().equals("onBestRouteChange")
                            && a[0].toString().contains("ADD")) {
                        adds.incrementAndGet(node);
                    }
                    return null;
                });
                InetAddress self = IpAddresses.parse(ip(node));
                Object config = withListen.invoke(of.invoke(null, 64512L, self), Optional.of(self), 179);
                Object speaker = start.invoke(null, config, counter, ignore);
                announce.invoke(speaker, IpPrefix.parse("10.64." + (node / 4) + "." + (64 * (node % 4)) + "/26"));
                List<Object> peers = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    if (j != node) {
                        Object peer = meshPeer.invoke(null, self, IpAddresses.parse(ip(j)), 64512L);
                        peers.add(withRetry.invoke(peer, java.time.Duration.ofMillis(500)));
                    }
                }
                addPeers.invoke(speaker, peers);
                return speaker;
            }));
        }
        List<Object> speakers = new ArrayList<>();
        for (var f : launched) {
            speakers.add(f.get());
        }
        pool.shutdown();
        double started = (System.nanoTime() - t0) / 1e9;
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
                "{\"impl\":\"brindle-one-jvm\",\"nodes\":%d,\"all_started_s\":%.2f,\"converged_s\":%.2f,\"rss_mib\":%d}%n",
                n,
                started,
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
