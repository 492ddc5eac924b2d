package dev.brindle.datastore.file;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.Watch;
import dev.brindle.datastore.WatchEvent;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Not a test: prints the file store's figures (docs/benchmarks-style). Run with
 * {@code java -cp <test classpath> dev.brindle.datastore.file.FileStoreMeasure [dir]}.
 *
 * <p>Write latency: compare-and-swap updates of one object, fsync on and off. Watch latency: a second process writes
 * {@code System.nanoTime()} (CLOCK_MONOTONIC, shared by all processes of the host) into each update and this
 * process's watch reports how long after that the event arrived.
 */
public final class FileStoreMeasure {
    private FileStoreMeasure() {}

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("brindle-measure");
        if (args.length > 1 && args[1].equals("emit")) {
            emit(base, Integer.parseInt(args[2]));
            return;
        }
        for (boolean fsync : new boolean[] {true, false}) {
            Path dir = Files.createTempDirectory(base, "w");
            try (Datastore store = Datastores.open("file:" + dir + "?fsync=" + fsync, null)) {
                IPAMHandle h = store.create(IPAMHandle.of("h", Map.of("n", 0)));
                List<Long> nanos = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    long t0 = System.nanoTime();
                    h = store.update(h.withBlocks(Map.of("n", i)));
                    nanos.add(System.nanoTime() - t0);
                }
                System.out.printf("write (CAS update) fsync=%s: %s%n", fsync, summary(nanos.subList(200, 2000)));
            }
        }
        Path dir = Files.createTempDirectory(base, "watch");
        try (Datastore store = Datastores.open("file:" + dir + "?fsync=false", null)) {
            store.create(IPAMHandle.of("h", Map.of("n", 0)));
            var lat = new CopyOnWriteArrayList<Long>();
            try (Watch ignored = store.watch(Kind.IPAM_HANDLE, 0, e -> {
                if (e instanceof WatchEvent.Modified<IPAMHandle> m) {
                    lat.add(System.nanoTime()
                            - Long.parseLong(
                                    m.resource().metadata().annotations().get("t")));
                }
            })) {
                String java = ProcessHandle.current().info().command().orElse("java");
                Process p = new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                FileStoreMeasure.class.getName(),
                                dir.toString(),
                                "emit",
                                "300")
                        .inheritIO()
                        .start();
                p.waitFor();
                Thread.sleep(1000);
                System.out.printf(
                        "watch latency, writer in another process (%d events): %s%n",
                        lat.size(), summary(new ArrayList<>(lat)));
            }
        }
    }

    private static void emit(Path dir, int count) throws InterruptedException {
        try (Datastore store = Datastores.open("file:" + dir + "?fsync=false", null)) {
            IPAMHandle h = store.get(Kind.IPAM_HANDLE, "h").orElseThrow();
            for (int i = 0; i < count; i++) {
                Thread.sleep(5);
                h = store.update(
                        h.withMetadata(h.metadata().withAnnotations(Map.of("t", Long.toString(System.nanoTime())))));
            }
        }
    }

    private static String summary(List<Long> nanos) {
        Collections.sort(nanos);
        return String.format(
                "p50 %.3f ms, p90 %.3f ms, p99 %.3f ms (n=%d)",
                nanos.get(nanos.size() / 2) / 1e6,
                nanos.get(nanos.size() * 9 / 10) / 1e6,
                nanos.get(nanos.size() * 99 / 100) / 1e6,
                nanos.size());
    }
}
