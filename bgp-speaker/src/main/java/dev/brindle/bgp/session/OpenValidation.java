package dev.brindle.bgp.session;

import java.util.Optional;

/**
 * The OPEN checks that need configuration (RFC 4271 §6.2); version, length and capability syntax are the codec's.
 */
final class OpenValidation {
    private OpenValidation() {}

    static Optional<NotificationReason> check(OpenParameters open, PeerConfig config, OpenParameters local) {
        if (open.asNumber() != config.remoteAs()) {
            // 2/2 Bad Peer AS: the peer is not the AS we were told to expect.
            return Optional.of(NotificationReason.of(2, 2));
        }
        if (open.holdTimeSeconds() == 1 || open.holdTimeSeconds() == 2) {
            // 2/6 Unacceptable Hold Time: 0 or at least 3 seconds.
            return Optional.of(NotificationReason.of(2, 6));
        }
        boolean internal = open.asNumber() == local.asNumber();
        if (open.bgpIdentifier() == 0 || (internal && open.bgpIdentifier() == local.bgpIdentifier())) {
            // 2/3 Bad BGP Identifier: zero, or our own inside one AS (RFC 6286 §2.2).
            return Optional.of(NotificationReason.of(2, 3));
        }
        return Optional.empty();
    }
}
