package dev.brindle.ctl.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brindle.lab.Cmd;
import dev.brindle.lab.cluster.ClusterSpec;
import dev.brindle.lab.cluster.LabCluster;
import dev.brindle.lab.cluster.LabDirs;
import dev.brindle.lab.cluster.LabMode;
import dev.brindle.lab.cluster.Pod;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab cluster ({@link LabCluster}, the code behind {@code brindlectl lab}) for one end-to-end test: a short
 * per-run name, commands run in its node and pod namespaces, the kernel state read as JSON. Always {@link #close}.
 */
final class E2eLab implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final LabCluster cluster;
    final LabDirs dirs;

    private E2eLab(String name) {
        this.name = name;
        this.cluster = new LabCluster(name, new PrintStream(System.out, true));
        this.dirs = LabDirs.of(name);
    }

    /** Brings up {@code nodes} nodes with {@code podsPerNode} pods each; names are {@code prefix} + pid digits. */
    static E2eLab up(String prefix, int nodes, int podsPerNode, LabMode mode) {
        var lab = new E2eLab(prefix + (ProcessHandle.current().pid() % 100_000));
        try {
            lab.cluster.up(new ClusterSpec(lab.name, nodes, podsPerNode, mode, ClusterSpec.DEFAULT_POOL));
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    String ns(String target) {
        return name + "-" + target;
    }

    Cmd.Result exec(String target, String... argv) {
        return execWithInput(target, "", argv);
    }

    Cmd.Result execWithInput(String target, String stdin, String... argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(target)));
        full.addAll(List.of(argv));
        return Cmd.run(full, stdin);
    }

    JsonNode json(String target, String... argv) {
        Cmd.Result r = exec(target, argv).orThrow();
        try {
            return JSON.readTree(r.out().isBlank() ? "[]" : r.out());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON from " + r.argv() + ": " + r.out(), e);
        }
    }

    /** The routes brindle owns on {@code node} (protocol 98). */
    JsonNode brindleRoutes(String node) {
        return json(node, "ip", "-j", "-4", "route", "show", "proto", "98");
    }

    /** {@code node}'s underlay address on eth0, without the prefix length. */
    String underlayIp(String node) {
        return json(node, "ip", "-j", "-4", "addr", "show", "dev", "eth0")
                .get(0)
                .get("addr_info")
                .get(0)
                .get("local")
                .asText();
    }

    /** The agents' logs outlive the lab under target/e2e-logs/, for reading after a failure. */
    private void keepAgentLogs() {
        Path to = Path.of("target", "e2e-logs", name);
        for (int i = 1; Files.exists(dirs.node("node" + i)); i++) {
            Path log = dirs.agentLog("node" + i);
            try {
                if (Files.exists(log)) {
                    Files.createDirectories(to);
                    Files.copy(log, to.resolve("node" + i + ".log"), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                System.err.println("cannot keep " + log + ": " + e);
            }
        }
    }

    List<Pod> pods() {
        return cluster.pods();
    }

    @Override
    public void close() {
        keepAgentLogs();
        cluster.down();
        if (Cmd.ok("ip", "netns", "list").contains(name + "-")) {
            throw new IllegalStateException("lab " + name + " left namespaces behind");
        }
    }
}
