package dev.brindle.bgp.session;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A {@link TimerService} whose clock only moves when the test says so; timers fire in due order. */
public final class ManualTimers implements TimerService {
    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>((a, b) -> a.due.equals(b.due) ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));
    private Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private long seq;
    private double jitter = 1.0;

    private static final class Entry implements Cancellable {
        final Instant due;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Entry(Instant due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Entry e = new Entry(now.plus(delay), seq++, task);
        queue.add(e);
        return e;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public double jitter() {
        return jitter;
    }

    public void setJitter(double value) {
        jitter = value;
    }

    /** Moves the clock forward, running every timer that falls due on the way, in order. */
    public void advance(Duration d) {
        Instant end = now.plus(d);
        while (!queue.isEmpty() && !queue.peek().due.isAfter(end)) {
            Entry e = queue.poll();
            now = e.due;
            if (!e.cancelled) {
                e.task.run();
            }
        }
        now = end;
    }

    public void advanceSeconds(double seconds) {
        advance(Duration.ofMillis((long) (seconds * 1000)));
    }
}
