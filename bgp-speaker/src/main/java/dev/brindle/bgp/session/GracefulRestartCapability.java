package dev.brindle.bgp.session;

import dev.brindle.core.IpFamily;
import java.util.Map;

/**
 * What a Graceful Restart capability (RFC 4724 §3) says for the unicast families the speaker carries.
 *
 * @param restartTimeSeconds how long the peer asks us to keep its routes after it drops (12 bits)
 * @param restarting the R bit: the sender has restarted and may not have sent everything yet
 * @param families the listed families, each with its F bit (the sender kept its forwarding state for it); an empty
 *     map means "helper only"
 */
public record GracefulRestartCapability(int restartTimeSeconds, boolean restarting, Map<IpFamily, Boolean> families) {

    public GracefulRestartCapability {
        if (restartTimeSeconds < 0 || restartTimeSeconds > 4095) {
            throw new IllegalArgumentException(
                    "graceful restart time " + restartTimeSeconds + " must fit 12 bits (0..4095), RFC 4724 §3");
        }
        families = Map.copyOf(families);
    }

    /** IPv4 unicast only, listed or not, with its F bit: the shape most tests and IPv4-only peers need. */
    public GracefulRestartCapability(
            int restartTimeSeconds, boolean restarting, boolean ipv4Unicast, boolean ipv4ForwardingPreserved) {
        this(restartTimeSeconds, restarting, ipv4Only(ipv4Unicast, ipv4ForwardingPreserved));
    }

    private static Map<IpFamily, Boolean> ipv4Only(boolean listed, boolean preserved) {
        if (preserved && !listed) {
            throw new IllegalArgumentException("the F bit can only be set for a listed address family");
        }
        return listed ? Map.of(IpFamily.V4, preserved) : Map.of();
    }

    /** RFC 4724 §4.2: a family's routes are retained across a drop only if the peer listed it. */
    public boolean lists(IpFamily family) {
        return families.containsKey(family);
    }

    /** RFC 4724 §4.2: stale routes of a family survive the peer's return only if it lists it with F set. */
    public boolean preserves(IpFamily family) {
        return families.getOrDefault(family, false);
    }
}
