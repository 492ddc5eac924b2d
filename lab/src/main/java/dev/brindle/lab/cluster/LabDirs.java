package dev.brindle.lab.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a lab keeps its files: {@code /var/run/brindle-lab/<name>/} (or {@code $BRINDLE_LAB_DIR/<name>}) holding the
 * shared {@code file:} datastore, one directory per node (agent socket, pid, log), the CNI bin and conf dirs and
 * the pod list. Everything there goes at {@code lab down}.
 */
public record LabDirs(String name, Path root) {

    public static LabDirs of(String name) {
        checkName(name);
        Path base = Optional.ofNullable(System.getenv("BRINDLE_LAB_DIR"))
                .map(Path::of)
                .orElse(Path.of("/var/run/brindle-lab"));
        return new LabDirs(name, base.resolve(name));
    }

    /** Lab names become namespace and interface-name prefixes: keep them short and plain. */
    static void checkName(String name) {
        if (!name.matches("[a-z][a-z0-9]{0,7}")) {
            throw new IllegalArgumentException(
                    "--name must be 1-8 lower-case letters or digits, starting with a letter: '" + name + "'");
        }
    }

    public Path store() {
        return root.resolve("store");
    }

    public Path node(String node) {
        return root.resolve(node);
    }

    public Path agentSocket(String node) {
        return node(node).resolve("agent.sock");
    }

    public Path agentPid(String node) {
        return node(node).resolve("agent.pid");
    }

    public Path agentLog(String node) {
        return node(node).resolve("agent.log");
    }

    public Path cniBin() {
        return root.resolve("cni-bin");
    }

    public Path cniConf() {
        return root.resolve("cni-conf");
    }

    public Path cniLog() {
        return root.resolve("cni.log");
    }

    public Path podsFile() {
        return root.resolve("pods.tsv");
    }

    public Path specFile() {
        return root.resolve("spec.properties");
    }
}
