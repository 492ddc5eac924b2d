package dev.brindle.lab.cluster;

import dev.brindle.core.IpPrefix;
import dev.brindle.lab.Cmd;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.Underlay;
import dev.brindle.lab.junit.NeedsExtension.Requirements;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code brindlectl lab}: a cluster of network namespaces on this machine running the real programs — one
 * {@code brindle-node} per node namespace sharing a {@code file:} datastore, pods attached by executing the real
 * {@code brindle} the way a runtime does, an underlay of one subnet (or two behind a router for CrossSubnet modes).
 * The end-to-end tests drive the same class.
 */
public final class LabCluster {
    private static final IpPrefix SUBNET_A = IpPrefix.parse("192.168.100.0/24");
    private static final IpPrefix SUBNET_B = IpPrefix.parse("192.168.101.0/24");
    private static final Duration BGP_MESH_WAIT = Duration.ofSeconds(30);

    private final LabDirs dirs;
    private final LabNamespaces namespaces;
    private final PrintStream out;

    public LabCluster(String name, PrintStream out) {
        this.dirs = LabDirs.of(name);
        this.namespaces = new LabNamespaces(name);
        this.out = out;
    }

    /** Builds the cluster, or refuses with the reason (not root, kernel lacks the mode's tunnel, lab exists). */
    public void up(ClusterSpec spec) {
        requireRoot();
        requireKernel(spec.mode());
        if (exists()) {
            if (anyAgentAlive()) {
                throw new LabException("lab '" + dirs.name() + "' already exists ("
                        + namespaces.present().size() + " namespaces); run `brindlectl lab down --name " + dirs.name()
                        + "` first");
            }
            out.println("cleaning up what a crashed lab '" + dirs.name() + "' left behind...");
            down();
        }
        Binaries bin = Binaries.locate();
        bin.ensureBuilt(out::println);
        try {
            build(spec, bin);
        } catch (RuntimeException e) {
            out.println("lab up failed; the partial lab stays for inspection (`lab status`, logs under " + dirs.root()
                    + "); `lab down --name " + dirs.name() + "` removes it");
            throw e;
        }
        report();
    }

    private void build(ClusterSpec spec, Binaries bin) {
        createDirs();
        saveSpec(spec);
        bin.populateCniBin(dirs.cniBin());
        out.printf(
                "underlay: %s%n",
                spec.mode().crossSubnet() ? SUBNET_A + " and " + SUBNET_B + " via a router" : SUBNET_A);
        Underlay underlay = Underlay.build(namespaces, subnets(spec));
        out.printf(
                "pool %s, mode %s (ipipMode %s, vxlanMode %s)%n",
                spec.pool(), spec.mode(), spec.mode().ipipMode(), spec.mode().vxlanMode());
        applyPool(bin, spec.pool(), spec.mode());
        for (Underlay.Node node : underlay.nodes()) {
            String name = shortName(node.namespace());
            out.printf("starting brindle-node on %s (%s)...%n", name, node.address());
            AgentProcess.start(bin, dirs, node.namespace(), name, node.address().toString());
        }
        var attacher = new PodAttacher(dirs);
        for (Underlay.Node node : underlay.nodes()) {
            String name = shortName(node.namespace());
            AgentProcess.awaitReady(dirs, name);
            attacher.writeConf(name);
            out.printf("%s ready%n", name);
        }
        for (int i = 1; i <= spec.nodes(); i++) {
            for (int j = 1; j <= spec.podsPerNode(); j++) {
                addPod("node" + i, "pod" + i + "-" + j);
            }
        }
        if (spec.nodes() > 1) {
            awaitBgpMesh(underlay);
        }
    }

    /**
     * Waits (a bounded while) for every node's BGP sessions: a node whose peer connected before the other's speaker
     * listened retries only after ConnectRetry (3 s, jittered), and a lab that says it is up while its mesh is still
     * forming would lose packets on the first switch to a mode whose routes come from BGP.
     */
    private void awaitBgpMesh(Underlay underlay) {
        Instant deadline = Instant.now().plus(BGP_MESH_WAIT);
        List<String> nodes =
                underlay.nodes().stream().map(n -> shortName(n.namespace())).toList();
        while (!nodes.stream().allMatch(n -> AgentSocket.bgpEstablished(dirs.agentSocket(n)))) {
            if (Instant.now().isAfter(deadline)) {
                out.printf("BGP: not every session is up after %d s (see `lab status`)%n", BGP_MESH_WAIT.toSeconds());
                return;
            }
            sleep(200);
        }
        out.printf("BGP full mesh established%n");
    }

    private static List<Underlay.Subnet> subnets(ClusterSpec spec) {
        List<String> a = new ArrayList<>();
        for (int i = 1; i <= spec.nodes(); i++) {
            a.add("node" + i);
        }
        if (!spec.mode().crossSubnet()) {
            return List.of(new Underlay.Subnet(SUBNET_A, a));
        }
        String last = a.removeLast();
        return List.of(new Underlay.Subnet(SUBNET_A, a), new Underlay.Subnet(SUBNET_B, List.of(last)));
    }

    /** Attaches one more pod to {@code node} (named {@code pod<I>-<J>} with the next free J). */
    public Pod addPod(String node) {
        requireRoot();
        requireUp();
        if (!namespaces.present().contains(namespaces.prefix() + node) || !node.matches("node\\d+")) {
            throw new LabException("no node '" + node + "' in lab '" + dirs.name() + "'");
        }
        String index = node.substring("node".length());
        int j = 1;
        while (namespaces.present().contains(namespaces.prefix() + "pod" + index + "-" + j)) {
            j++;
        }
        return addPod(node, "pod" + index + "-" + j);
    }

    private Pod addPod(String node, String podName) {
        Namespace podNs = namespaces.add(podName);
        Pod pod = new PodAttacher(dirs).add(namespaces.existing(node), node, podNs, podName);
        appendPod(pod);
        out.printf("pod %s on %s: %s%n", pod.name(), node, pod.address());
        return pod;
    }

    /** Edits the pool live to another mode; the agents reprogram without a restart. */
    public void setMode(LabMode mode) {
        requireRoot();
        requireUp();
        requireKernel(mode);
        ClusterSpec old = loadSpec();
        if (old.mode().crossSubnet() != mode.crossSubnet() && mode.crossSubnet()) {
            throw new LabException("this lab was built with one subnet; " + mode
                    + " needs two (bring it up again with --mode " + mode + ")");
        }
        applyPool(Binaries.locate(), old.pool(), mode);
        saveSpec(new ClusterSpec(old.name(), old.nodes(), old.podsPerNode(), mode, old.pool()));
        out.printf("pool %s now ipipMode %s, vxlanMode %s%n", old.pool(), mode.ipipMode(), mode.vxlanMode());
        out.printf("%s%n", convergedReachability(pods()).render());
    }

    /**
     * The matrix once every pair answers, or as it stands after ten more seconds: routes learned over BGP, or a pool
     * just edited, take a moment to reach every node, and a lab that shows FAIL for that moment misleads.
     */
    private static Reachability.Matrix convergedReachability(List<Pod> pods) {
        Reachability.Matrix m = Reachability.measure(pods);
        for (int tries = 0; m.failures() > 0 && tries < 10; tries++) {
            sleep(1000);
            m = Reachability.measure(pods);
        }
        return m;
    }

    /** Prints nodes, pods, BGP sessions and the reachability matrix. */
    public void report() {
        requireUp();
        ClusterSpec spec = loadSpec();
        out.printf("%nlab '%s': %d nodes, mode %s, pool %s%n%n", dirs.name(), spec.nodes(), spec.mode(), spec.pool());
        out.printf("%-8s %-20s %-8s %s%n", "NODE", "ADDRESS", "AGENT", "BLOCKS");
        for (int i = 1; i <= spec.nodes(); i++) {
            String node = "node" + i;
            Namespace ns = namespaces.existing(node);
            String addr = ns.exec("ip", "-4", "-o", "addr", "show", "dev", "eth0")
                    .out()
                    .replaceAll("(?s).*inet (\\S+).*", "$1")
                    .strip();
            String agent = AgentProcess.pid(dirs, node).map(h -> "running").orElse("DOWN");
            String blocks = String.join(
                    ", ",
                    ns.exec("ip", "-4", "route", "show", "type", "blackhole")
                            .out()
                            .lines()
                            .map(l -> l.replaceAll("^blackhole (\\S+).*", "$1"))
                            .toList());
            out.printf("%-8s %-20s %-8s %s%n", node, addr, agent, blocks.isEmpty() ? "(none yet)" : blocks);
        }
        List<Pod> pods = pods();
        out.printf("%n%-10s %-8s %s%n", "POD", "NODE", "ADDRESS");
        pods.forEach(p -> out.printf("%-10s %-8s %s%n", p.name(), p.node(), p.address()));
        out.printf("%nBGP sessions (brindlectl node status on each node)%n");
        for (int i = 1; i <= spec.nodes(); i++) {
            String node = "node" + i;
            out.printf("%s:%n", node);
            out.print(namespaces
                    .existing(node)
                    .exec(
                            Binaries.locate().bin("brindlectl").toString(),
                            "node",
                            "status",
                            "--agent-socket",
                            dirs.agentSocket(node).toString())
                    .out());
        }
        out.printf(
                "%nreachability (ping, pod to pod)%n%s%n",
                convergedReachability(pods).render());
    }

    /** Runs {@code argv} in a node or pod namespace ({@code node1}, {@code pod1-2}) with this terminal's I/O. */
    public int exec(String target, List<String> argv) {
        requireRoot();
        String ns = namespaces.prefix() + target;
        if (!namespaces.present().contains(ns)) {
            throw new LabException("no node or pod '" + target + "' in lab '" + dirs.name() + "' (have: "
                    + String.join(
                            ", ",
                            namespaces.present().stream()
                                    .map(n -> n.substring(namespaces.prefix().length()))
                                    .toList())
                    + ")");
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(argv);
        try {
            return new ProcessBuilder(full).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Removes every namespace, process and file of this lab; safe to run twice and on a crashed lab. */
    public void down() {
        requireRoot();
        if (Files.isDirectory(dirs.root())) {
            try (Stream<Path> s = Files.list(dirs.root())) {
                s.filter(p -> Files.exists(p.resolve("agent.pid")))
                        .forEach(p -> AgentProcess.stop(dirs, p.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String ns : namespaces.present()) {
            Cmd.run("ip", "netns", "pids", ns)
                    .out()
                    .lines()
                    .map(String::strip)
                    .filter(s -> s.matches("\\d+"))
                    .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
            Cmd.run("ip", "netns", "del", ns);
        }
        deleteTree(dirs.root());
        out.printf("lab '%s' is down%n", dirs.name());
    }

    public boolean exists() {
        return !namespaces.present().isEmpty() || Files.exists(dirs.root());
    }

    private boolean anyAgentAlive() {
        if (!Files.isDirectory(dirs.root())) {
            return false;
        }
        try (Stream<Path> s = Files.list(dirs.root())) {
            return s.anyMatch(
                    p -> AgentProcess.pid(dirs, p.getFileName().toString()).isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void applyPool(Binaries bin, IpPrefix pool, LabMode mode) {
        String yaml = """
                apiVersion: brindle.dev/v1
                kind: IPPool
                metadata:
                  name: default-ipv4-ippool
                spec:
                  cidr: %s
                  blockSize: 26
                  ipipMode: %s
                  vxlanMode: %s
                  natOutgoing: true
                  nodeSelector: all()
                """.formatted(pool, mode.ipipMode(), mode.vxlanMode());
        Cmd.run(
                        List.of(
                                bin.bin("brindlectl").toString(),
                                "--datastore",
                                "file:" + dirs.store(),
                                "apply",
                                "-f",
                                "-"),
                        yaml)
                .orThrow();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }

    private static String shortName(Namespace ns) {
        return ns.name().substring(ns.name().indexOf('-') + 1);
    }

    private void requireUp() {
        if (!Files.isRegularFile(dirs.specFile())) {
            throw new LabException(
                    "no lab '" + dirs.name() + "' here; `brindlectl lab up --name " + dirs.name() + "` builds one");
        }
    }

    private static void requireRoot() {
        if (!Requirements.isRoot()) {
            throw new LabException("the lab needs root (network namespaces, veths, routes): run it with sudo");
        }
    }

    /** Calico's default, IPIP, where the kernel has the module (less overhead than VXLAN); VXLAN elsewhere. */
    public static LabMode bestMode() {
        return kernelHas(LabMode.IPIP.kernelModule()) ? LabMode.IPIP : LabMode.VXLAN;
    }

    private static boolean kernelHas(String module) {
        return Requirements.hasKernelModule(module)
                || Cmd.run("modinfo", module).ok();
    }

    private static void requireKernel(LabMode mode) {
        String module = mode.kernelModule();
        if (!kernelHas(module)) {
            throw new LabException("mode " + mode + " needs the kernel module '" + module + "', which this kernel ("
                    + Cmd.run("uname", "-r").out().strip() + ") does not have; try --mode vxlan or --mode noencap");
        }
    }

    private void createDirs() {
        try {
            Files.createDirectories(dirs.store());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void saveSpec(ClusterSpec spec) {
        var p = new Properties();
        p.setProperty("nodes", Integer.toString(spec.nodes()));
        p.setProperty("podsPerNode", Integer.toString(spec.podsPerNode()));
        p.setProperty("mode", spec.mode().cliName());
        p.setProperty("pool", spec.pool().toString());
        try (var w = Files.newBufferedWriter(dirs.specFile())) {
            p.store(w, "brindle lab " + dirs.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ClusterSpec loadSpec() {
        var p = new Properties();
        try (var r = Files.newBufferedReader(dirs.specFile())) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClusterSpec(
                dirs.name(),
                Integer.parseInt(p.getProperty("nodes")),
                Integer.parseInt(p.getProperty("podsPerNode")),
                LabMode.parse(p.getProperty("mode")),
                IpPrefix.parse(p.getProperty("pool")));
    }

    /** The lab's pods, in the order they were attached. */
    public List<Pod> pods() {
        try {
            return Files.exists(dirs.podsFile())
                    ? Files.readAllLines(dirs.podsFile()).stream()
                            .filter(l -> !l.isBlank())
                            .map(Pod::fromLine)
                            .toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void appendPod(Pod pod) {
        try {
            Files.writeString(
                    dirs.podsFile(),
                    pod.toLine() + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
