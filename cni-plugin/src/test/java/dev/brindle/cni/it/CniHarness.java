package dev.brindle.cni.it;

import dev.brindle.cni.json.JsonReader;
import dev.brindle.lab.Cmd;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A node as a runtime sees it: a "node" namespace with an uplink and a default route (proxy ARP answers for
 * 169.254.1.1 only when the node has a route to it), IP forwarding on, and a CNI bin dir holding {@code brindle}
 * and {@code brindle-ipam} as symlinks to the repo's launchers next to Debian's reference plugins. Invocations run
 * the real {@code bin/brindle} inside the node namespace with env and stdin, exactly like libcni.
 */
final class CniHarness implements AutoCloseable {
    static final Path REPO = findRepo();
    final NamespaceSet set;
    final Namespace node;
    final Path dir;
    final Path binDir;
    final Path dataDir;
    /** Where {@link HostedCniFixture} listens once {@link #hostPlugin} started it; null: the JVM plugin runs. */
    Path agentSocket;

    /** One exec of a plugin: exit code, stdout (the CNI answer), stderr (logs). */
    record Invocation(int exit, String stdout, String stderr) {
        Map<String, Object> json() {
            return JsonReader.parseObject(stdout);
        }

        long code() {
            return ((Number) json().get("code")).longValue();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    CniHarness(String purpose) {
        set = NamespaceSet.create(purpose);
        try {
            node = set.add("node");
            Namespace uplink = set.add("up");
            node.ok("ip", "link", "add", "up0", "type", "veth", "peer", "name", "up1", "netns", uplink.name());
            node.ok("ip", "addr", "add", "192.168.77.1/24", "dev", "up0");
            node.ok("ip", "link", "set", "up0", "up");
            uplink.ok("ip", "addr", "add", "192.168.77.2/24", "dev", "up1");
            uplink.ok("ip", "link", "set", "up1", "up");
            node.ok("ip", "route", "add", "default", "via", "192.168.77.2");
            node.ok("sysctl", "-qw", "net.ipv4.ip_forward=1");
            dir = Files.createTempDirectory("brindle-cni-it-");
            binDir = Files.createDirectory(dir.resolve("bin"));
            dataDir = Files.createDirectory(dir.resolve("ipam"));
            Files.createSymbolicLink(binDir.resolve("brindle"), REPO.resolve("bin/brindle"));
            Files.createSymbolicLink(binDir.resolve("brindle-ipam"), REPO.resolve("bin/brindle-ipam"));
            try (Stream<Path> plugins = Files.list(Path.of("/usr/lib/cni"))) {
                for (Path p : plugins.toList()) {
                    Files.createSymbolicLink(binDir.resolve(p.getFileName()), p);
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static Path findRepo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isExecutable(p.resolve("bin/brindle"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "cannot find the repo (bin/brindle) above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    Namespace pod(String shortName) {
        return set.add(shortName);
    }

    /**
     * A brindle netconf with host-local over {@code subnet}, its state in this run's temp dir; with the hosted
     * plugin's socket as {@code agent_socket} once {@link #hostPlugin} ran.
     */
    String conf(String version, String subnet, String extra) {
        String agent = agentSocket == null ? "" : "\"agent_socket\":\"" + agentSocket + "\",";
        return "{\"cniVersion\":\"" + version + "\",\"name\":\"brindle-it\",\"type\":\"brindle\",\"mtu\":1400," + agent
                + "\"ipam\":{\"type\":\"host-local\",\"subnet\":\"" + subnet + "\",\"dataDir\":\"" + dataDir + "\"}"
                + extra + "}";
    }

    /**
     * Starts {@link HostedCniFixture} in the node namespace, so that bin/brindle's shim hands every call with this
     * harness's netconf to the plugin hosted there, as it does to a node agent.
     */
    void hostPlugin() {
        Path socket = dir.resolve("hosted.sock");
        String java = ProcessHandle.current().info().command().orElse("java");
        node.start(new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        HostedCniFixture.class.getName(),
                        socket.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("hosted.log").toFile()));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the hosted plugin did not start; see " + dir.resolve("hosted.log"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the hosted plugin", e);
            }
        }
        agentSocket = socket;
    }

    /** Runs {@code plugin} from the bin dir in the node namespace with a runtime's six variables. */
    Invocation invoke(String plugin, String command, String stdin, String containerId, String netns, String args) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", netns);
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", args);
        env.put("CNI_PATH", binDir.toString());
        return invokeWith(plugin, env, stdin);
    }

    Invocation invokeWith(String plugin, Map<String, String> env, String stdin) {
        List<String> argv = new ArrayList<>(List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"));
        System.getenv().entrySet().stream()
                .filter(e -> e.getKey().equals("JAVA_HOME"))
                .forEach(e -> argv.add(e.getKey() + "=" + e.getValue()));
        env.forEach((k, v) -> argv.add(k + "=" + v));
        argv.add(binDir.resolve(plugin).toString());
        Cmd.Result r = node.exec(argv, stdin);
        return new Invocation(r.exit(), r.out().strip(), r.err());
    }

    /** {@code ip -j ...} in a namespace, parsed. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> ipJson(Namespace ns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-j"));
        argv.addAll(List.of(args));
        String out = ns.exec(argv, null).orThrow().out().strip();
        return out.isEmpty() ? List.of() : (List<Map<String, Object>>) JsonReader.parse(out);
    }

    /** Links whose name starts with {@code prefix} in {@code ns}. */
    static List<String> links(Namespace ns, String prefix) {
        return ipJson(ns, "link", "show").stream()
                .map(l -> (String) l.get("ifname"))
                .filter(n -> n.startsWith(prefix))
                .toList();
    }

    /** Addresses host-local still holds (its dataDir has one file per reserved address). */
    List<String> reservedAddresses() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wires {@code pod} directly with brindle as pod default/other; returns its address. */
    String wireDirectly(Namespace pod, String conf) {
        Invocation add = invoke(
                "brindle",
                "ADD",
                conf,
                "other1",
                pod.path().toString(),
                "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=other");
        if (add.exit() != 0) {
            throw new AssertionError("ADD of the directly wired pod failed: " + add);
        }
        String address = (String) dev.brindle.cni.json.JsonValues.objects(add.json(), "ips")
                .getFirst()
                .get("address");
        return address.substring(0, address.indexOf('/'));
    }

    /** Runs a runtime session script inside the node namespace and a private mount namespace. */
    Cmd.Result session(Path script) {
        return Cmd.run(List.of(
                "nsenter",
                "--net=" + node.path(),
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "bash",
                script.toString()));
    }

    /**
     * A container on brindle printed {@code ip -4 addr}, {@code ip route} and two pings (PING-POD-OK, PING-NODE-OK):
     * its /32 from {@code subnetPrefix}, the two routes of CONTRACT.md, both pings answered.
     */
    static void assertContainerOnBrindle(Cmd.Result session, String subnetPrefix) {
        String out = session.out();
        org.assertj.core.api.Assertions.assertThat(session.exit())
                .as(out + session.err())
                .isZero();
        org.assertj.core.api.Assertions.assertThat(out)
                .containsPattern("inet " + subnetPrefix.replace(".", "\\.") + "\\d+/32")
                .contains("default via 169.254.1.1 dev eth0")
                .contains("169.254.1.1 dev eth0 scope link")
                .contains("PING-POD-OK")
                .contains("PING-NODE-OK");
    }

    /** Deletes leftover host veths and host-local reservations after a failed test. */
    void reset() {
        links(node, "brl").forEach(l -> node.exec("ip", "link", "del", l));
        try (Stream<Path> all = Files.walk(dataDir)) {
            all.filter(Files::isRegularFile).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String sysctl(Namespace ns, String key) {
        return ns.ok("cat", "/proc/sys/" + key).strip();
    }

    @Override
    public void close() {
        set.close();
        if (dir != null) {
            deleteTree(dir);
        }
    }

    /** Removes a temp directory tree, best effort. */
    static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir
        }
    }

    /**
     * runc leaves empty cgroup v1 directories named after a container runtime's cgroup parent or namespace; removes
     * exactly the ones called {@code name}, in every hierarchy.
     */
    static void removeCgroups(String name) {
        Path root = Path.of("/sys/fs/cgroup");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> controllers = Files.list(root)) {
            for (Path ctl : controllers.toList()) {
                if (Files.isDirectory(ctl.resolve(name))) {
                    deleteTree(ctl.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void run(String... argv) {
        Cmd.run(argv).orThrow();
    }
}
