package dev.brindle.bench.netlink;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.lab.Cmd;
import dev.brindle.lab.Namespace;
import dev.brindle.lab.NamespaceSet;
import dev.brindle.netlink.BatchResult;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.Route;
import dev.brindle.netlink.RouteFilter;
import dev.brindle.netlink.RouteOp;
import dev.brindle.netlink.RouteProtocol;
import dev.brindle.netlink.VethSpec;
import dev.brindle.netlink.rt.RtNetlink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Programs N routes ({@code 10.64.0.0/24} upwards, {@code via 10.0.0.2 dev up0 proto 98}) into a fresh namespace
 * and removes them again, once with brindle's netlink ({@link dev.brindle.netlink.Netlink#apply}) and once with
 * {@code ip -batch}, alternating, for several rounds after one warm-up round. Prints the medians and their ratio;
 * with {@code --write FILE} replaces the Netlink section of docs/benchmarks.md. Needs root.
 *
 * <p>Arguments: {@code [--routes N] [--rounds R] [--write docs/benchmarks.md]}.
 */
public final class RouteBench {
    private static final String GATEWAY = "10.0.0.2";

    private RouteBench() {}

    public static void main(String[] args) throws IOException {
        int routes = intArg(args, "--routes", 10_000);
        int rounds = intArg(args, "--rounds", 5);
        String write = stringArg(args, "--write", null);
        BenchResult result;
        try (NamespaceSet set = NamespaceSet.create("nlbench")) {
            Namespace ns = set.add("r");
            result = run(ns, routes, rounds);
        }
        String report = result.markdown(String.join(" ", args));
        System.out.println(report);
        if (write != null) {
            BenchmarksDoc.replaceSection(Path.of(write), "## Netlink", report);
        }
    }

    private static BenchResult run(Namespace ns, int count, int rounds) throws IOException {
        try (RtNetlink nl = RtNetlink.open(ns.path())) {
            Link up0 = nl.createVeth(VethSpec.of("up0", "up1"));
            nl.setLinkUp("up0", true);
            nl.setLinkUp("up1", true);
            nl.addAddress(up0.index(), AddressWithPrefix.parse("10.0.0.1/24"));
            List<Route> routes = routes(count, up0.index());
            Path dir = Files.createTempDirectory("brindle-routebench");
            Path addFile = dir.resolve("add.batch");
            Path delFile = dir.resolve("del.batch");
            Files.write(addFile, batchLines("add", count));
            Files.write(delFile, batchLines("del", count));
            var result = new BenchResult(count, rounds);
            for (int round = 0; round <= rounds; round++) {
                boolean brindleFirst = round % 2 == 0;
                long[] b = brindleFirst ? brindle(nl, routes) : null;
                long[] ip = ipBatch(ns, nl, addFile, delFile, count);
                if (!brindleFirst) {
                    b = brindle(nl, routes);
                }
                if (round > 0) { // round 0 warms up the JIT
                    result.add(b, ip);
                }
            }
            Files.delete(addFile);
            Files.delete(delFile);
            Files.delete(dir);
            return result;
        }
    }

    static List<Route> routes(int count, int device) {
        List<Route> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Route.to(prefix(i))
                    .via(IpAddresses.parse(GATEWAY))
                    .device(device)
                    .protocol(RouteProtocol.BRINDLE)
                    .build());
        }
        return out;
    }

    private static IpPrefix prefix(int i) {
        return IpPrefix.parse("10." + (64 + i / 256) + "." + (i % 256) + ".0/24");
    }

    private static List<String> batchLines(String verb, int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add("route " + verb + " " + prefix(i) + " via " + GATEWAY + " dev up0 proto 98");
        }
        return lines;
    }

    /** Nanoseconds to add all routes and to delete them, with brindle's pipelined batch. */
    private static long[] brindle(RtNetlink nl, List<Route> routes) {
        List<RouteOp> adds = routes.stream().map(RouteOp::add).toList();
        List<RouteOp> dels = routes.stream().map(RouteOp::delete).toList();
        long t0 = System.nanoTime();
        BatchResult added = nl.apply(adds);
        long t1 = System.nanoTime();
        added.throwIfFailed();
        check(nl, routes.size());
        long t2 = System.nanoTime();
        BatchResult deleted = nl.apply(dels);
        long t3 = System.nanoTime();
        deleted.throwIfFailed();
        check(nl, 0);
        return new long[] {t1 - t0, t3 - t2};
    }

    /** Nanoseconds for {@code ip -n NS -batch add} and {@code ... del}, process start included. */
    private static long[] ipBatch(Namespace ns, RtNetlink nl, Path addFile, Path delFile, int count) {
        long t0 = System.nanoTime();
        Cmd.run("ip", "-n", ns.name(), "-batch", addFile.toString()).orThrow();
        long t1 = System.nanoTime();
        check(nl, count);
        long t2 = System.nanoTime();
        Cmd.run("ip", "-n", ns.name(), "-batch", delFile.toString()).orThrow();
        long t3 = System.nanoTime();
        check(nl, 0);
        return new long[] {t1 - t0, t3 - t2};
    }

    private static void check(RtNetlink nl, int expected) {
        int actual = nl.listRoutes(RouteFilter.main().protocol(RouteProtocol.BRINDLE))
                .size();
        if (actual != expected) {
            throw new IllegalStateException("expected " + expected + " proto 98 routes, found " + actual);
        }
    }

    private static int intArg(String[] args, String name, int dflt) {
        String v = stringArg(args, name, null);
        return v == null ? dflt : Integer.parseInt(v);
    }

    private static String stringArg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }
}
