package dev.brindle.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.lab.Cmd;
import dev.brindle.lab.junit.Needs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's main job as an operator runs it: {@code bin/brindlectl lab up} with the real agents and plugin, then
 * {@code exec}, {@code set-mode}, {@code down} — and nothing left behind.
 */
@Needs(
        root = true,
        commands = {"ip", "ping"})
class LabIT {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private final String name = "it" + (ProcessHandle.current().pid() % 100_000);

    private Cmd.Result lab(String... args) {
        // --name right after the subcommand: everything after `exec … --` belongs to the command run.
        List<String> argv =
                new ArrayList<>(List.of(REPO.resolve("bin/brindlectl").toString(), "lab", args[0]));
        argv.addAll(List.of("--name", name));
        argv.addAll(List.of(args).subList(1, args.length));
        return Cmd.run(argv);
    }

    @Test
    void upSetModeDownAcrossTwoSubnets() {
        try {
            Cmd.Result up = lab("up", "--nodes", "3", "--pods-per-node", "1", "--mode", "vxlan-crosssubnet");
            assertThat(up.exit()).as(up.out() + up.err()).isZero();
            assertThat(up.out()).contains("6/6 pod pairs reachable").contains("node-to-node mesh");

            // node1 and node2 share a subnet (no-encap between them); node3 is behind the router (VXLAN).
            Cmd.Result exec = lab("exec", "node1", "--", "ip", "route", "show", "proto", "98");
            String routes = exec.out();
            assertThat(routes)
                    .as(exec.toString())
                    .contains("blackhole")
                    .contains("dev eth0")
                    .contains("dev vxlan.brindle");

            assertThat(lab("set-mode", "vxlan").exit()).isZero();
            assertThat(lab("status").out()).contains("6/6 pod pairs reachable");

            Cmd.Result again = lab("up", "--nodes", "2");
            assertThat(again.exit()).isNotZero();
            assertThat(again.err()).contains("already exists");
        } finally {
            assertThat(lab("down").exit()).isZero();
        }
        assertThat(lab("down").exit()).as("down is safe to repeat").isZero();
        assertThat(Cmd.ok("ip", "netns", "list")).doesNotContain(name + "-");
        assertThat(Files.exists(Path.of("/var/run/brindle-lab", name))).isFalse();
    }
}
