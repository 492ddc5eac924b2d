package dev.brindle.bgp.codec;

/**
 * One BGP message (RFC 4271 §4). Immutable; the header (marker, length, type) exists only on the wire and is
 * added by {@link BgpMessageEncoder}.
 */
public sealed interface BgpMessage permits BgpOpen, BgpUpdate, BgpNotification, BgpKeepalive, BgpRouteRefresh {
    BgpMessageType type();
}
