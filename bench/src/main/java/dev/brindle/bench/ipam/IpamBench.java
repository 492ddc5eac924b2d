package dev.brindle.bench.ipam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brindle.agent.AttachmentLiveness;
import dev.brindle.agent.IpamService;
import dev.brindle.agent.NodeRecord;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.file.FileDatastore;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.ipam.AllocationAttributes;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.AssignRequest;
import dev.brindle.ipam.BatchedRequests;
import dev.brindle.ipam.DatastoreIpamStore;
import dev.brindle.ipam.GarbageCollector;
import dev.brindle.ipam.IntendedUse;
import dev.brindle.ipam.IpamStore;
import dev.brindle.ipam.WatchedIpamStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * IPAM on the file store: allocate+release pairs per second from a warm affine block (one node, as its agent does
 * them: one caller at a time, then 16 callers at once), and the latency of a block claim (the first assign of a node that has no block: pending affinity,
 * block create, confirm, and the allocation itself). Usage: {@code IpamBench [seconds] [claims] [dir]}: each rate is
 * measured for {@code seconds} after as long a warm-up under the same load; the store
 * goes in a fresh directory under {@code dir} (default: the system temp dir), with fsync on and, for comparison, off,
 * and the in-memory store as the reference. A fourth argument picks variants ({@code fsync=true,fsync=false,memory},
 * and {@code agent}: the pairs as the node agent serves them on its socket, on the durable store).
 */
public final class IpamBench {
    /** Concurrent callers in the second measurement: the agent serves CNI calls on 16 threads. */
    private static final int CLIENTS = 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Pods that stay on the node through the agent's measurement, as on a full node (kubelet's maxPods is 110). */
    private static final int RESIDENT_PODS = 100;

    private IpamBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int claims = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path base = args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir"));
        List<String> variants =
                args.length > 3 ? List.of(args[3].split(",")) : List.of("fsync=true", "fsync=false", "memory");
        for (String variant : variants) {
            Path dir = Files.createTempDirectory(base, "brindle-ipam-bench");
            FileDatastore file =
                    variant.equals("memory") ? null : FileDatastore.open(dir, !variant.equals("fsync=false"));
            LongSupplier syncs = file == null ? () -> 0 : file::journalSyncs;
            try (Datastore ds = file == null ? Datastores.inMemory() : file) {
                ds.create(new IPPool(
                        Metadata.named("bench"),
                        new IPPool.Spec(
                                IpPrefix.parse("10.96.0.0/12"),
                                26,
                                null,
                                null,
                                false,
                                false,
                                false,
                                null,
                                null,
                                null)));
                if (variant.equals("agent")) {
                    for (int resident : List.of(0, RESIDENT_PODS)) {
                        measureAgent(ds, syncs, resident, seconds);
                    }
                } else {
                    for (boolean warm : List.of(false, true)) {
                        measure(ds, syncs, variant, warm, seconds, claims);
                    }
                }
            } finally {
                deleteTree(dir);
            }
        }
    }

    private static void measure(Datastore ds, LongSupplier syncs, String variant, boolean warm, int seconds, int claims)
            throws InterruptedException {
        try (WatchedIpamStore watched = WatchedIpamStore.start(ds, Duration.ofSeconds(30))) {
            IpamStore store = warm ? watched : new DatastoreIpamStore(ds);
            Allocator alloc = new Allocator(store, Clock.systemUTC());
            String run = (variant + (warm ? "-warm" : "-cold")).replace('=', '-');
            double[] pairs = pairsPerSecond(alloc, seconds, run, 1, syncs);
            double[] concurrent = pairsPerSecond(alloc, seconds, run + "-c", CLIENTS, syncs);
            double[] claim = claimMillis(alloc, claims, run);
            System.out.printf(
                    "%s | block claim p50 %6.2f ms p90 %6.2f ms p99 %6.2f ms (%d claims)%n",
                    rates(variant.equals("memory") ? "memory" : "file " + variant, warm, pairs, concurrent),
                    claim[0],
                    claim[1],
                    claim[2],
                    claims);
        }
    }

    /**
     * The same pairs as the agent serves them on its socket ({@link IpamService}: the JSON requests {@code brindle}
     * sends, and the Node's record of live attachments written with each), on the durable file store, with
     * {@code resident} pods attached before and through the measurement.
     */
    private static void measureAgent(Datastore ds, LongSupplier syncs, int resident, int seconds)
            throws InterruptedException {
        String node = "bench-agent-" + resident;
        NodeRecord record = new NodeRecord(ds, node);
        record.register(AddressWithPrefix.parse("192.0.2.1/24"), null);
        Clock clock = Clock.systemUTC();
        try (WatchedIpamStore store = WatchedIpamStore.start(ds, Duration.ofSeconds(30))) {
            Allocator alloc = new Allocator(store, clock);
            GarbageCollector gc =
                    new GarbageCollector(store, alloc, clock, Duration.ofMinutes(10), new AttachmentLiveness(ds, node));
            IpamService service =
                    new IpamService(node, alloc, gc, () -> new IpamService.AgentStatus(true, "", 1440), record, clock);
            for (int p = 0; p < resident; p++) {
                answer(service, assign(node, "k8s.resident-" + p));
            }
            String run = "agent-" + resident;
            Consumer<String> pair = handle -> {
                answer(service, assign(node, handle));
                answer(service, JSON.createObjectNode().put("op", "release").put("handle", handle));
            };
            double[] one = pairsPerSecond(seconds, run, 1, syncs, pair);
            double[] many = pairsPerSecond(seconds, run + "-c", CLIENTS, syncs, pair);
            System.out.printf("%s | %d resident pods%n", rates("agent fsync=true", true, one, many), resident);
        }
    }

    /** One result line's rates: one caller, then {@link #CLIENTS} ({@link #pairsPerSecond}'s three figures each). */
    private static String rates(String what, boolean warm, double[] one, double[] many) {
        return String.format(
                "%-16s %-5s %6.0f pairs/s %5.0f µs CPU/pair %4.2f syncs/pair | %2d clients %6.0f pairs/s %5.0f µs"
                        + " CPU/pair %4.2f syncs/pair",
                what, warm ? "warm" : "cold", one[0], one[1], one[2], CLIENTS, many[0], many[1], many[2]);
    }

    /** An assign as {@code brindle} sends it for a pod's ADD. */
    private static ObjectNode assign(String node, String handle) {
        String container = handle.substring(handle.indexOf('.') + 1);
        return JSON.createObjectNode()
                .put("op", "assign")
                .put("handle", handle)
                .put("node", node)
                .put("containerId", container)
                .put("ifname", "eth0")
                .put("namespace", "default")
                .put("pod", "pod-" + container);
    }

    private static void answer(IpamService service, ObjectNode request) {
        ObjectNode answer = service.handle(request);
        if (!answer.path("ok").asBoolean()) {
            throw new IllegalStateException("the agent refused " + request + ": " + answer);
        }
    }

    private static AssignRequest request(String node, String handle) {
        return new AssignRequest(
                node,
                IpFamily.V4,
                1,
                new AllocationAttributes(handle, Map.of(AllocationAttributes.NODE, node)),
                IntendedUse.WORKLOAD,
                List.of());
    }

    /**
     * Pairs per second, the CPU time of the whole process (every thread: watches too) per pair in µs, and journal
     * syncs per pair, with
     * {@code clients} callers at once. Each request runs as the agent's IPAM service runs it ({@link BatchedRequests}):
     * one at a time per node, on one thread, in batches whose writes share one sync, the caller answered once its
     * writes are on disk.
     */
    private static double[] pairsPerSecond(Allocator alloc, int seconds, String run, int clients, LongSupplier syncs)
            throws InterruptedException {
        String node = "bench-node-" + run;
        BatchedRequests nodeRequests = new BatchedRequests(node, alloc::deferSync, alloc::writeBatch);
        serve(nodeRequests, () -> alloc.assign(request(node, "k8s.warm-" + run)));
        return pairsPerSecond(seconds, run, clients, syncs, handle -> pair(alloc, nodeRequests, node, handle));
    }

    /** The same measurement for any way of doing one pair, given the handle to do it for. */
    private static double[] pairsPerSecond(
            int seconds, String run, int clients, LongSupplier syncs, Consumer<String> pair)
            throws InterruptedException {
        // A node agent runs for days: what counts is the rate once the JIT has compiled the path (on this 2-core VM
        // C2 keeps one core busy for 20-30 s). The same load for the same time first, measured after.
        load(pair, run + "-jit", clients, seconds, new AtomicLong());
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        long syncsStart = syncs.getAsLong();
        AtomicLong pairs = new AtomicLong();
        load(pair, run, clients, seconds, pairs);
        long n = pairs.get();
        double perSecond = n / ((System.nanoTime() - start) / 1e9);
        return new double[] {
            perSecond, (processCpuNanos() - cpuStart) / 1e3 / n, (syncs.getAsLong() - syncsStart) / (double) n
        };
    }

    /** {@code clients} callers doing pairs for {@code seconds}, counted in {@code pairs}. */
    private static void load(Consumer<String> pair, String run, int clients, int seconds, AtomicLong pairs)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String client = run + "-" + c;
            threads.add(Thread.ofPlatform().start(() -> {
                for (long n = 0; System.nanoTime() < end; n++) {
                    pair.accept("k8s.c-" + client + "-" + n);
                    pairs.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void pair(Allocator alloc, BatchedRequests nodeRequests, String node, String handle) {
        serve(nodeRequests, () -> alloc.assign(request(node, handle)));
        serve(nodeRequests, () -> alloc.releaseHandle(handle));
    }

    private static void serve(BatchedRequests nodeRequests, Runnable request) {
        nodeRequests.run(() -> {
            request.run();
            return null;
        });
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** p50, p90, p99 in milliseconds. */
    private static double[] claimMillis(Allocator alloc, int claims, String run) {
        double[] ms = new double[claims];
        for (int i = 0; i < claims; i++) {
            long t0 = System.nanoTime();
            alloc.assign(request("claim-node-" + run + i, "k8s.claim-" + run + i));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[claims / 2], ms[claims * 9 / 10], ms[Math.min(claims - 1, claims * 99 / 100)]};
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
