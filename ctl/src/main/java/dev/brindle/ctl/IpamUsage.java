package dev.brindle.ctl;

import dev.brindle.core.IpPrefix;
import dev.brindle.ipam.Block;
import dev.brindle.ipam.IpamStore;
import dev.brindle.ipam.Pool;
import dev.brindle.ipam.Versioned;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;

/** {@code ipam show}: per pool (and with blocks, per block) the addresses in total, in use and free. */
final class IpamUsage {
    private IpamUsage() {}

    static void print(IpamStore store, boolean showBlocks, PrintWriter out) {
        BoxTable t = new BoxTable(
                List.of("Grouping", "CIDR", "IPs total", "IPs in use", "IPs free"), false, false, true, false, false);
        List<Block> blocks = store.blocks().stream()
                .map(Versioned::value)
                .sorted(Comparator.comparing(Block::cidr))
                .toList();
        List<Pool> pools =
                store.pools().stream().sorted(Comparator.comparing(Pool::cidr)).toList();
        for (Pool p : pools) {
            List<Block> inPool =
                    blocks.stream().filter(b -> p.cidr().contains(b.cidr())).toList();
            long used = inPool.stream().mapToLong(Block::usedCount).sum();
            t.row(row("IP Pool", p.cidr(), p.cidr().size(), used));
            if (showBlocks) {
                inPool.forEach(b -> t.row(row("Block", b.cidr(), BigInteger.valueOf(b.size()), b.usedCount())));
            }
        }
        t.print(out);
    }

    private static List<String> row(String grouping, IpPrefix cidr, BigInteger total, long used) {
        double all = total.doubleValue();
        double free = all - used;
        return List.of(
                grouping,
                cidr.toString(),
                GoFormat.g(all, 5),
                GoFormat.g(used, 5) + " (" + GoFormat.f0(100.0 * used / all) + "%)",
                GoFormat.g(free, 5) + " (" + GoFormat.f0(100.0 * free / all) + "%)");
    }
}
