package dev.brindle.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brindle.lab.cluster.AgentSocket;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brindlectl node status}: this node's agent and its BGP sessions, in calicoctl's format. */
@Command(
        name = "node",
        description = "This node's brindle-node.",
        subcommands = {NodeCommand.Status.class})
final class NodeCommand {

    @Command(
            name = "status",
            description = "Whether brindle-node runs here, and its BGP sessions (read from its socket).",
            footer = {
                "",
                "Example:",
                "  sudo brindlectl node status",
                "  sudo brindlectl node status --agent-socket /var/run/brindle-lab/brl/node1/agent.sock",
                "",
                "Exit codes: 0 the agent answered, 1 it is not running."
            })
    static final class Status implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Option(
                names = "--agent-socket",
                defaultValue = "/var/run/brindle/agent.sock",
                description = "The agent's socket (default ${DEFAULT-VALUE}).")
        Path socket;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Optional<String> answer = AgentSocket.request(socket, "{\"op\":\"nodeStatus\"}");
            if (answer.isEmpty()) {
                out.println("brindle process is not running.");
                out.flush();
                spec.commandLine().getErr().println("error: nothing answers on " + socket);
                return Main.ERROR;
            }
            JsonNode status = JSON.readTree(answer.get());
            if (!status.path("ok").asBoolean()) {
                throw new IllegalStateException(
                        "the agent refused nodeStatus: " + status.path("msg").asText());
            }
            out.println("brindle process is running.");
            out.println();
            printFamily(out, "IPv4", status.path("peers"), false);
            out.println();
            printFamily(out, "IPv6", status.path("peers"), true);
            out.flush();
            return Main.OK;
        }

        private static void printFamily(PrintWriter out, String family, JsonNode peers, boolean v6) {
            out.println(family + " BGP status");
            List<JsonNode> rows = new ArrayList<>();
            peers.forEach(p -> {
                if (p.path("address").asText().contains(":") == v6) {
                    rows.add(p);
                }
            });
            if (rows.isEmpty()) {
                out.println("No " + family + " peers found.");
                return;
            }
            var table = new BoxTable(List.of("Peer address", "Peer type", "State", "Since", "Info"));
            for (JsonNode p : rows) {
                table.row(List.of(
                        p.path("address").asText(),
                        p.path("type").asText(),
                        p.path("state").asText(),
                        p.path("since").asText(),
                        p.path("info").asText()));
            }
            table.print(out);
        }
    }
}
