package dev.brindle.bgp.codec.capability;

import dev.brindle.bgp.codec.AfiSafi;
import java.util.List;

/**
 * Graceful restart (RFC 4724 §3): Restart flags (R = the sender is restarting; N = it supports graceful restart for
 * NOTIFICATIONs, RFC 8538 §2), a 12-bit Restart Time in seconds, then per AFI/SAFI whether forwarding state was
 * preserved (F bit).
 */
public record GracefulRestartCapability(
        boolean restarting, boolean notification, int restartTimeSeconds, List<Family> families) implements Capability {
    /** RFC 4724 §3: the restart time has 12 bits. */
    public static final int MAX_RESTART_TIME = 0xfff;

    public GracefulRestartCapability {
        if (restartTimeSeconds < 0 || restartTimeSeconds > MAX_RESTART_TIME) {
            throw new IllegalArgumentException(
                    "graceful restart time " + restartTimeSeconds + " s is outside 0.." + MAX_RESTART_TIME);
        }
        families = List.copyOf(families);
    }

    /** One AFI/SAFI for which the sender keeps routes across a restart. */
    public record Family(AfiSafi afiSafi, boolean forwardingPreserved) {}

    @Override
    public int code() {
        return GRACEFUL_RESTART;
    }
}
