package dev.brindle.ctl.lab;

import dev.brindle.core.IpPrefix;
import dev.brindle.lab.cluster.ClusterSpec;
import dev.brindle.lab.cluster.LabCluster;
import dev.brindle.lab.cluster.LabMode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brindlectl lab}: a brindle cluster of network namespaces on this machine (root). */
@Command(
        name = "lab",
        description = "A cluster of network namespaces on this machine running the real brindle-node and brindle.",
        subcommands = {
            LabCommand.Up.class,
            LabCommand.Status.class,
            LabCommand.Exec.class,
            LabCommand.AddPod.class,
            LabCommand.SetMode.class,
            LabCommand.Down.class
        },
        footer = {"", "Example:", "  sudo brindlectl lab up --nodes 3 --mode vxlan", "  sudo brindlectl lab down"})
public final class LabCommand {

    /** The option every lab command takes. */
    static class Named {
        @Option(
                names = "--name",
                defaultValue = ClusterSpec.DEFAULT_NAME,
                description = "Lab name (default ${DEFAULT-VALUE}).")
        String name;

        LabCluster cluster() {
            return new LabCluster(name, System.out);
        }
    }

    @Command(
            name = "up",
            description = "Build the lab: underlay, nodes running brindle-node, pods attached by brindle.",
            footer = {"", "Example:", "  sudo brindlectl lab up --nodes 3 --pods-per-node 2 --mode vxlan-crosssubnet"})
    static final class Up extends Named implements Callable<Integer> {
        @Option(names = "--nodes", defaultValue = "3", description = "Number of nodes (default ${DEFAULT-VALUE}).")
        int nodes;

        @Option(
                names = "--pods-per-node",
                defaultValue = "2",
                description = "Pods per node (default ${DEFAULT-VALUE}).")
        int podsPerNode;

        @Option(
                names = "--mode",
                description = "noencap, ipip, vxlan, ipip-crosssubnet or vxlan-crosssubnet"
                        + " (default: ipip where the kernel has it, else vxlan).")
        String mode;

        @Option(
                names = "--pool",
                defaultValue = "10.244.0.0/16",
                description = "Pod pool CIDR (default ${DEFAULT-VALUE}).")
        String pool;

        @Override
        public Integer call() {
            LabMode m = mode == null ? LabCluster.bestMode() : LabMode.parse(mode);
            cluster().up(new ClusterSpec(name, nodes, podsPerNode, m, IpPrefix.parse(pool)));
            return 0;
        }
    }

    @Command(
            name = "status",
            description = "Nodes, pods, BGP sessions and the reachability matrix.",
            footer = {"", "Example:", "  sudo brindlectl lab status"})
    static final class Status extends Named implements Callable<Integer> {
        @Override
        public Integer call() {
            cluster().report();
            return 0;
        }
    }

    @Command(
            name = "exec",
            description = "Run a command inside a node or pod namespace.",
            footer = {
                "",
                "Example:",
                "  sudo brindlectl lab exec node1 -- ip route",
                "  sudo brindlectl lab exec pod1-1 -- ping -c1 10.244.0.1"
            })
    static final class Exec extends Named implements Callable<Integer> {
        @Parameters(index = "0", description = "node<I> or pod<I>-<J>")
        String target;

        @Parameters(index = "1..*", arity = "1..*", description = "The command (after --).")
        List<String> command;

        @Override
        public Integer call() {
            return cluster().exec(target, command);
        }
    }

    @Command(
            name = "add-pod",
            description = "Attach one more pod to a node.",
            footer = {"", "Example:", "  sudo brindlectl lab add-pod node2"})
    static final class AddPod extends Named implements Callable<Integer> {
        @Parameters(index = "0", description = "node<I>")
        String node;

        @Override
        public Integer call() {
            cluster().addPod(node);
            return 0;
        }
    }

    @Command(
            name = "set-mode",
            description = "Edit the pool live to another mode; agents reprogram without restart.",
            footer = {"", "Example:", "  sudo brindlectl lab set-mode noencap"})
    static final class SetMode extends Named implements Callable<Integer> {
        @Parameters(index = "0", description = "noencap, ipip, vxlan, ipip-crosssubnet or vxlan-crosssubnet")
        String mode;

        @Override
        public Integer call() {
            cluster().setMode(LabMode.parse(mode));
            return 0;
        }
    }

    @Command(
            name = "down",
            description = "Remove every namespace, process and file of the lab (safe to repeat).",
            footer = {"", "Example:", "  sudo brindlectl lab down"})
    static final class Down extends Named implements Callable<Integer> {
        @Override
        public Integer call() {
            cluster().down();
            return 0;
        }
    }
}
