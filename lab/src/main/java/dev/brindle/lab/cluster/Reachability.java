package dev.brindle.lab.cluster;

import dev.brindle.lab.Cmd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Pings every pod from every other pod (one echo each, in parallel) and prints the matrix. */
final class Reachability {
    /** Which (from, to) pairs answered. */
    record Matrix(List<Pod> pods, Map<String, Boolean> answered) {
        boolean ok(Pod from, Pod to) {
            return answered.getOrDefault(from.name() + ">" + to.name(), false);
        }

        long failures() {
            return answered.values().stream().filter(ok -> !ok).count();
        }

        String render() {
            var sb = new StringBuilder(String.format("%-10s", "from\\to"));
            pods.forEach(p -> sb.append(String.format(" %-8s", p.name())));
            sb.append('\n');
            for (Pod from : pods) {
                sb.append(String.format("%-10s", from.name()));
                for (Pod to : pods) {
                    String cell = from.equals(to) ? "-" : ok(from, to) ? "ok" : "FAIL";
                    sb.append(String.format(" %-8s", cell));
                }
                sb.append('\n');
            }
            long pairs = (long) pods.size() * Math.max(0, pods.size() - 1);
            sb.append(pairs - failures()).append('/').append(pairs).append(" pod pairs reachable");
            return sb.toString();
        }
    }

    private Reachability() {}

    static Matrix measure(List<Pod> pods) {
        Map<String, Future<Boolean>> pending = new LinkedHashMap<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Pod from : pods) {
                for (Pod to : pods) {
                    if (!from.equals(to)) {
                        pending.put(from.name() + ">" + to.name(), pool.submit(() -> ping(from, to)));
                    }
                }
            }
            Map<String, Boolean> answered = new LinkedHashMap<>();
            for (var e : pending.entrySet()) {
                answered.put(e.getKey(), e.getValue().get());
            }
            return new Matrix(List.copyOf(pods), answered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static boolean ping(Pod from, Pod to) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", from.namespace()));
        argv.addAll(List.of("ping", "-c1", "-W2", "-q", to.address()));
        return Cmd.run(argv).ok();
    }
}
