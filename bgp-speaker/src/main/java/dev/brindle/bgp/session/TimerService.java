package dev.brindle.bgp.session;

import java.time.Duration;
import java.time.Instant;

/**
 * Time for the FSM: timers and the wall clock. Production runs it on the speaker's single event loop, so callbacks
 * never race with the FSM; tests use a manual clock and fire timers deterministically.
 */
public interface TimerService {
    Cancellable schedule(Duration delay, Runnable task);

    Instant now();

    /** A factor in [0.75, 1.0] applied to ConnectRetry and Keepalive intervals (RFC 4271 §10). */
    double jitter();
}
