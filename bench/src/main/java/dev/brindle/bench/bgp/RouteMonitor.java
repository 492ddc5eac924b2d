package dev.brindle.bench.bgp;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Kernel route events of one namespace from {@code ip -ts monitor route}: each line carries the time the
 * event was read from rtnetlink, so the measured latency ends when the route is in the peer's kernel.
 */
final class RouteMonitor implements AutoCloseable {
    /** One event: when, and the line ({@code Deleted } prefix for removals). */
    record Event(LocalDateTime at, String line) {}

    private final Process process;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    RouteMonitor(String ns) throws IOException {
        // stdbuf: ip block-buffers its output into a pipe, which would hold events back for seconds
        process = new ProcessBuilder("stdbuf", "-oL", "ip", "-n", ns, "-ts", "monitor", "route").start();
        Thread.ofPlatform().daemon().start(this::read);
    }

    private void read() {
        try (BufferedReader r = process.inputReader()) {
            String line;
            while ((line = r.readLine()) != null) {
                int close = line.indexOf(']');
                if (line.startsWith("[") && close > 0) {
                    events.add(new Event(LocalDateTime.parse(line.substring(1, close)), line.substring(close + 2)));
                }
            }
        } catch (IOException e) {
            // monitor stopped
        }
    }

    /** The time of the next event whose line starts with {@code start} (e.g. "10.244.7.0/26 via", "Deleted 10…"). */
    LocalDateTime await(String start) throws InterruptedException, IOException {
        while (true) {
            Event e = events.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                throw new IOException("no route event starting with '" + start + "' within 10 s");
            }
            if (e.line().startsWith(start)) {
                return e.at();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
