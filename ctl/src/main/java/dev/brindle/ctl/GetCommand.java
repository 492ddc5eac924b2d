package dev.brindle.ctl;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.resource.BGPConfiguration;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import dev.brindle.datastore.resource.Resource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code get ippool|nodes [NAME] [-o ps|wide|yaml|json]}, in calicoctl's table formats (calico-facts.md §6.2). */
@Command(
        name = "get",
        description = "Show IP pools or nodes.",
        footer = {
            "",
            "Examples:",
            "  brindlectl get ippool -o wide",
            "  brindlectl get nodes",
            "  brindlectl get ippool default -o yaml"
        })
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "ippool (ippools, pool, ipp) or node (nodes).")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Only this object.")
    String name;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "ps",
            description = "ps (default), wide, yaml or json.")
    String output;

    @Override
    public Integer call() throws Exception {
        if (!List.of("ps", "wide", "yaml", "json").contains(output)) {
            throw new ParameterException(spec.commandLine(), "-o must be ps, wide, yaml or json, got '" + output + "'");
        }
        Kind<? extends Resource> k = kindOf(kind);
        try (Datastore ds = root.open()) {
            List<? extends Resource> objects =
                    name == null ? ds.list(k) : ds.get(k, name).map(List::of).orElse(List.of());
            if (name != null && objects.isEmpty()) {
                spec.commandLine().getErr().println("error: " + k + " " + name + " not found in " + ds.describe());
                return Main.ERROR;
            }
            PrintWriter out = spec.commandLine().getOut();
            switch (output) {
                case "yaml", "json" -> Output.print(out, objects, k, name != null, output.equals("yaml"));
                default -> table(ds, objects, output.equals("wide")).print(out);
            }
            return Main.OK;
        }
    }

    private Kind<? extends Resource> kindOf(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "ippool", "ippools", "ipp", "ipps", "pool", "pools" -> Kind.IPPOOL;
            case "node", "nodes" -> Kind.NODE;
            default ->
                throw new ParameterException(
                        spec.commandLine(), "unknown resource kind '" + text + "': use ippool or nodes");
        };
    }

    private static TabTable table(Datastore ds, List<? extends Resource> objects, boolean wide) {
        if (objects.isEmpty() || objects.get(0) instanceof IPPool) {
            TabTable t = new TabTable(
                    wide
                            ? List.of(
                                    "NAME",
                                    "CIDR",
                                    "NAT",
                                    "IPIPMODE",
                                    "VXLANMODE",
                                    "DISABLED",
                                    "DISABLEBGPEXPORT",
                                    "SELECTOR")
                            : List.of("NAME", "CIDR", "SELECTOR"));
            objects.forEach(o -> t.row(poolRow((IPPool) o, wide)));
            return t;
        }
        long clusterAs = ds.get(Kind.BGP_CONFIGURATION, BGPConfiguration.DEFAULT_NAME)
                .map(c -> c.spec().asNumber())
                .orElse(64512L);
        TabTable t = new TabTable(wide ? List.of("NAME", "ASN", "IPV4", "IPV6") : List.of("NAME"));
        objects.forEach(o -> t.row(nodeRow((Node) o, wide, clusterAs)));
        return t;
    }

    private static List<String> poolRow(IPPool p, boolean wide) {
        var s = p.spec();
        String selector = s.nodeSelector().toString();
        if (!wide) {
            return List.of(p.name(), s.cidr().toString(), selector);
        }
        return List.of(
                p.name(),
                s.cidr().toString(),
                Boolean.toString(s.natOutgoing()),
                s.ipipMode().name(),
                s.vxlanMode().name(),
                Boolean.toString(s.disabled()),
                Boolean.toString(s.disableBGPExport()),
                selector);
    }

    private static List<String> nodeRow(Node n, boolean wide, long clusterAs) {
        if (!wide) {
            return List.of(n.name());
        }
        var s = n.spec();
        String asn = s.asNumber() != null ? s.asNumber().toString() : "(" + clusterAs + ")";
        return List.of(
                n.name(),
                asn,
                s.ipv4Address() == null ? "" : s.ipv4Address().toString(),
                s.ipv6Address() == null ? "" : s.ipv6Address().toString());
    }
}
