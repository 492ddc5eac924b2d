package dev.brindle.bgp.session;

/**
 * What a Graceful Restart capability (RFC 4724 §3) says for IPv4 unicast, the only family the speaker carries.
 *
 * @param restartTimeSeconds how long the peer asks us to keep its routes after it drops (12 bits)
 * @param restarting the R bit: the sender has restarted and may not have sent everything yet
 * @param ipv4Unicast whether IPv4 unicast is listed at all (an empty list means "helper only")
 * @param ipv4ForwardingPreserved the F bit for IPv4 unicast: the sender kept its forwarding state
 */
public record GracefulRestartCapability(
        int restartTimeSeconds, boolean restarting, boolean ipv4Unicast, boolean ipv4ForwardingPreserved) {

    public GracefulRestartCapability {
        if (restartTimeSeconds < 0 || restartTimeSeconds > 4095) {
            throw new IllegalArgumentException(
                    "graceful restart time " + restartTimeSeconds + " must fit 12 bits (0..4095), RFC 4724 §3");
        }
        if (ipv4ForwardingPreserved && !ipv4Unicast) {
            throw new IllegalArgumentException("the F bit can only be set for a listed address family");
        }
    }

    /** RFC 4724 §4.2: routes are kept only if the peer listed the family with F set when it comes back. */
    public boolean preservesIpv4() {
        return ipv4Unicast && ipv4ForwardingPreserved;
    }
}
