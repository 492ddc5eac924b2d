package dev.brindle.bgp.transport;

import dev.brindle.bgp.session.Cancellable;
import dev.brindle.bgp.session.TimerService;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Timers on the speaker's single event loop, so they never race with the FSM they drive. */
public final class EventLoopTimers implements TimerService {
    private final EventLoop loop;

    public EventLoopTimers(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public double jitter() {
        return 0.75 + 0.25 * ThreadLocalRandom.current().nextDouble();
    }
}
