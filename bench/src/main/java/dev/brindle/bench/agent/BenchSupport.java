package dev.brindle.bench.agent;

import dev.brindle.lab.Namespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Set-up, polling and percentiles shared by the node agent benchmarks. */
final class BenchSupport {
    private BenchSupport() {}

    /** Gives {@code ns} an up {@code eth0} (a veth whose peer stays in {@code ns}) holding {@code address}. */
    static void underlay(Namespace ns, String address) {
        ns.ok("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "peer0");
        ns.ok("ip", "link", "set", "peer0", "up");
        ns.ok("ip", "addr", "add", address, "dev", "eth0");
        ns.ok("ip", "link", "set", "eth0", "up");
    }

    /** Polls {@code done} every 0.2 ms (latency figures need the fine grain) until true; fails after {@code limit}. */
    static void until(BooleanSupplier done, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + limit);
            }
            Thread.sleep(0, 200_000);
        }
    }

    /** The {@code p}-th percentile (0–100, nearest rank below) of nanosecond samples, in milliseconds. */
    static double percentileMillis(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
