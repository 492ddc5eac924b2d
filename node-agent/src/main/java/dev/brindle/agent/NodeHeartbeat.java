package dev.brindle.agent;

import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the Node record's heartbeat now and every {@link NodeRecord#HEARTBEAT_INTERVAL}, so that {@code
 * brindlectl delete node} can tell a live node from a dead one. Stops for good when the datastore does not keep the
 * annotation.
 */
final class NodeHeartbeat {
    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final NodeRecord record;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    private NodeHeartbeat(NodeRecord record, ScheduledExecutorService timer, Clock clock) {
        this.record = record;
        this.timer = timer;
        this.clock = clock;
    }

    static void start(NodeRecord record, ScheduledExecutorService timer, Clock clock) {
        NodeHeartbeat h = new NodeHeartbeat(record, timer, clock);
        timer.execute(h::beat);
    }

    private void beat() {
        try {
            if (!record.heartbeat(clock.instant())) {
                log.info(
                        "the datastore does not keep {} on node {}: heartbeats stop (brindlectl delete node cannot"
                                + " tell whether this agent is alive)",
                        NodeRecord.HEARTBEAT_ANNOTATION,
                        record.name());
                return;
            }
        } catch (RuntimeException e) {
            log.warn("heartbeat of node {} failed: {}", record.name(), e.getMessage());
        }
        try {
            timer.schedule(this::beat, NodeRecord.HEARTBEAT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("agent stopping: no further heartbeat");
        }
    }
}
